package rules

import "github.com/migrate-lint/migrate-lint/lint"

// DowngradeLeavesTrace is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var DowngradeLeavesTrace = &lint.Rule{
	ID: lint.DowngradeLeavesTraceID, Name: "downgrade-leaves-trace", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "schema after upgrade and downgrade differs from before",
	Doc: lint.Doc{
		Problem:  "The sandbox compared the schema before the upgrade with the schema after upgrade and downgrade: tables, columns with types, nullability and defaults, indexes, constraints, sequences, enum types and extensions. They differ, so a downgrade does not bring production back to what the previous release expects.",
		Solution: "Undo in downgrade exactly what upgrade did; the finding names each object that differs.",
		Example: `
def upgrade():
    op.create_table("kinds", sa.Column("kind", sa.Enum("book", "film", name="item_kind")))

def downgrade():
    op.drop_table("kinds")
    sa.Enum(name="item_kind").drop(op.get_bind())
`,
	},
}

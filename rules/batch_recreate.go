package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// BatchRecreate reports batch_alter_table recreating a table on a server
// database.
var BatchRecreate = &lint.Rule{
	ID: "ML214", Name: "batch-recreate", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL, lint.MySQL, lint.MariaDB},
	Title: "batch_alter_table recreates the table on a server database",
	Doc: lint.Doc{
		Problem: "batch_alter_table(recreate=\"always\") copies the table into a new one, drops the old and renames " +
			"the new: it exists for SQLite, which cannot ALTER most things. On PostgreSQL or MySQL it rewrites the " +
			"whole table under an exclusive lock, and drops whatever the reflection did not see (triggers, grants, " +
			"some constraints).",
		Solution: "Use recreate=\"auto\" (the default), which emits plain ALTER statements on databases that support them, or plain op.* calls.",
		Example: `
def upgrade():
    with op.batch_alter_table("users") as batch_op:  # recreate="auto"
        batch_op.add_column(sa.Column("email", sa.String(255), nullable=True))
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpBatch || op.Recreate != "always" || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("batch_alter_table(%q, recreate=\"always\") copies the whole table on %s under an exclusive lock", op.Table, p.Dialect()),
				"drop recreate=\"always\": on PostgreSQL and MySQL the default emits plain ALTER statements")
		}
	},
}

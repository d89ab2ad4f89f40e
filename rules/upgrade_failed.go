package rules

import "github.com/migrate-lint/migrate-lint/lint"

// UpgradeFailed is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var UpgradeFailed = &lint.Rule{
	ID: lint.UpgradeFailedID, Name: "upgrade-failed", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "upgrade fails on a real database",
	// A failure measured at env.py's line is what ML707 predicts there.
	Supersedes: []string{"ML707"},
	Doc: lint.Doc{
		Problem:  "The sandbox ran `upgrade` for this revision on a throwaway database built from the revisions before it, and the database refused a statement. It will fail the same way in production, after the statements before it ran (and on MySQL, stayed applied).",
		Solution: "Fix the statement named in the finding. Common causes: a type (sa.Enum) that op.add_column does not create, a column or table name that differs from the previous revisions, NOT NULL on a table the revision fills later.",
		Example: `
def upgrade():
    status = sa.Enum("new", "old", name="item_status")
    status.create(op.get_bind(), checkfirst=True)  # add_column does not create the type
    op.add_column("items", sa.Column("status", status, nullable=True))
`,
	},
}

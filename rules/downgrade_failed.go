package rules

import "github.com/migrate-lint/migrate-lint/lint"

// DowngradeFailed is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var DowngradeFailed = &lint.Rule{
	ID: lint.DowngradeFailedID, Name: "downgrade-failed", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "downgrade fails on a real database",
	Doc: lint.Doc{
		Problem:  "Right after a successful upgrade, `downgrade` of this revision failed. The way back is broken exactly when it is needed: during an incident.",
		Solution: "Make downgrade the inverse of upgrade in reverse order, with the same names; run `migrate-lint sandbox` until it passes.",
		Example: `
def downgrade():
    op.drop_index("ix_items_name", table_name="items")  # first what was created last
    op.drop_column("items", "name")
`,
	},
}

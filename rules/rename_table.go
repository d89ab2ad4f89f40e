package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RenameTable reports renaming an existing table.
var RenameTable = &lint.Rule{
	ID: "ML404", Name: "rename-table", Severity: lint.SeverityWarning,
	Title: "renames an existing table",
	Doc: lint.Doc{
		Problem: "The running application still uses the old table name: its queries fail until every instance " +
			"runs the new code.",
		Solution: "Rename in steps: rename the table and create a view with the old name (PostgreSQL views on a " +
			"single table are updatable), deploy the code, then drop the view. Or keep the name and change only `__tablename__`'s use.",
		Example: "def upgrade():\n    op.rename_table(\"customer\", \"customers\")\n    op.execute(\"CREATE VIEW customer AS SELECT * FROM customers\")\n",
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpRenameTable && existing(op) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("renaming table %s to %q breaks the running application, which still uses the old name", target(op), op.NewName),
					"create a view with the old name until the new code is deployed, or keep the table name")
			}
		}
	},
}

package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RenameTable reports renaming an existing table.
var RenameTable = &lint.Rule{
	ID: "ML404", Name: "rename-table", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "renames an existing table",
	Doc: lint.Doc{
		Problem: "The running application still uses the old table name: its queries fail until every instance " +
			"runs the new code.",
		Solution: "Rename in steps: rename the table and create a view with the old name (PostgreSQL views on a " +
			"single table are updatable), deploy the code, then drop the view. Or keep the name and change only `__tablename__`'s use.",
		Example: `
def upgrade():
    op.rename_table("customer", "customers")
    op.execute("CREATE VIEW customer AS SELECT * FROM customers")
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			if op.Kind == lint.OpRenameTable && existing(op) && !viewKeepsName(ops[op.Index+1:], op.Table) && !roundTrip(op, ops) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("renaming table %s to %q breaks the running application, which still uses the old name", target(op), op.NewName),
					"create a view with the old name until the new code is deployed, or keep the table name")
			}
		}
	},
}

// viewKeepsName reports whether a later op creates a view under the old
// name: the application keeps reading (and, for a simple view on
// PostgreSQL and MySQL, writing) through it until the new code is out.
func viewKeepsName(later []lint.Op, old string) bool {
	for _, op := range later {
		if op.Kind == lint.OpCreateView && strings.EqualFold(op.Table, old) {
			return true
		}
	}
	return false
}

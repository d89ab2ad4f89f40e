package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DeleteAllRows reports DELETE without WHERE and TRUNCATE.
var DeleteAllRows = &lint.Rule{
	ID: "ML303", Name: "delete-all-rows", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "deletes every row of a table (DELETE without WHERE, TRUNCATE)",
	Doc: lint.Doc{
		Problem: "A DELETE without WHERE or a TRUNCATE empties an existing table. Often it is a forgotten WHERE; " +
			"either way the downgrade cannot bring the rows back. TRUNCATE also takes an ACCESS EXCLUSIVE lock.",
		Solution: "Add the WHERE clause you meant. If the table really must be emptied, say why in a suppression.",
		Example: `
def upgrade():
    op.execute("DELETE FROM sessions WHERE expires_at < now() - interval '30 days'")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if !existing(op) {
				continue
			}
			switch {
			case op.Kind == lint.OpTruncate:
				p.Report(p.Revision, op.Span, fmt.Sprintf("TRUNCATE deletes every row of %s", target(op)),
					"delete only the rows you mean with DELETE ... WHERE, or suppress this with the reason")
			case op.Kind == lint.OpDelete && !op.HasWhere:
				p.Report(p.Revision, op.Span, fmt.Sprintf("DELETE without WHERE deletes every row of %s", target(op)),
					"add the WHERE clause that selects the rows to delete")
			}
		}
	},
}

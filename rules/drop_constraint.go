package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropConstraint reports dropping a constraint on an existing table.
var DropConstraint = &lint.Rule{
	ID: "ML306", Name: "drop-constraint", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "drops a constraint from an existing table",
	Doc: lint.Doc{
		Problem: "Dropping a constraint removes a guarantee the data has had: duplicates, orphans or invalid " +
			"values may appear from the next write on, and re-adding the constraint later fails on them. It also " +
			"needs an ACCESS EXCLUSIVE lock.",
		Solution: "Make sure nothing relies on the constraint; when the drop is intended, suppress this with the reason.",
		Example: `
def upgrade():
    # migrate-lint: ignore[ML306] replaced by ck_orders_total_nonnegative above
    op.drop_constraint("ck_orders_total_positive", "orders", type_="check")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if (op.Kind == lint.OpDropConstraint || op.Kind == lint.OpDropPrimaryKey) && existing(op) && op.Table != "" {
				p.Report(p.Revision, op.Span, fmt.Sprintf("dropping constraint %q from existing table %s removes a guarantee the data relies on", op.Name, target(op)),
					"make sure nothing relies on it, then suppress this with the reason")
			}
		}
	},
}

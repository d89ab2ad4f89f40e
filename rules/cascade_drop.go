package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// CascadeDrop reports DROP ... CASCADE and TRUNCATE ... CASCADE.
var CascadeDrop = &lint.Rule{
	ID: "ML305", Name: "cascade-drop", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "drops with CASCADE, removing objects the revision does not name",
	Doc: lint.Doc{
		Problem: "CASCADE also drops (or truncates) every object that depends on the target: views, foreign keys, " +
			"other tables' rows. What goes depends on the production schema, not on the revision, so review cannot see it.",
		Solution: "Drop the dependent objects explicitly, in order, so the revision says what it removes.",
		Example: `
def upgrade():
    op.drop_constraint("fk_orders_customer_id", "orders", type_="foreignkey")
    op.drop_table("customers")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Cascade && (op.Kind == lint.OpDropTable || op.Kind == lint.OpDropSchema || op.Kind == lint.OpTruncate ||
				op.Kind == lint.OpDropColumn || op.Kind == lint.OpDropConstraint || op.Kind == lint.OpDropType || op.Kind == lint.OpOtherDDL) {
				p.Report(p.Revision, op.Span, fmt.Sprintf("%s with CASCADE also removes everything that depends on %s", op.Kind, target(op)),
					"drop the dependent objects explicitly first, then drop without CASCADE")
			}
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// CheckConstraintValidates reports a CHECK constraint added with
// validation on an existing table.
var CheckConstraintValidates = &lint.Rule{
	ID: "ML205", Name: "check-constraint-validates", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "check constraint added to an existing table without NOT VALID (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "ADD CONSTRAINT ... CHECK scans the whole table under an ACCESS EXCLUSIVE lock: no reads or writes " +
			"until every row has been checked.",
		Solution: "Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later revision, which only takes a SHARE UPDATE EXCLUSIVE lock.",
		Example: `
def upgrade():
    op.create_check_constraint(
        "ck_orders_total_positive", "orders", "total >= 0", postgresql_not_valid=True
    )

# a later revision
def upgrade():
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total_positive")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCreateCheckConstraint || op.NotValid || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s on %s scans every row under an ACCESS EXCLUSIVE lock", named("check constraint", op), existingTable(op)),
				"add it with postgresql_not_valid=True (NOT VALID), then VALIDATE CONSTRAINT in a later revision")
		}
	},
}

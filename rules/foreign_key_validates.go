package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ForeignKeyValidates reports a foreign key added with validation on an
// existing table.
var ForeignKeyValidates = &lint.Rule{
	ID: "ML204", Name: "foreign-key-validates", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "foreign key added to an existing table without NOT VALID (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "ADD CONSTRAINT ... FOREIGN KEY checks every existing row while holding a SHARE ROW EXCLUSIVE lock " +
			"on both tables: writes to the table and to the referenced table wait for the whole scan.",
		Solution: "Add the constraint NOT VALID (only new rows are checked, the lock is brief), then VALIDATE " +
			"CONSTRAINT in a later revision: validation takes a lock that does not block writes.",
		Example: `
def upgrade():
    op.create_foreign_key(
        "fk_orders_user_id", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True
    )

# a later revision
def upgrade():
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user_id")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCreateForeignKey || op.NotValid || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s on %s is validated while writes to both tables are blocked", named("foreign key", op), existingTable(op)),
				"add it with postgresql_not_valid=True (NOT VALID), then VALIDATE CONSTRAINT in a later revision")
		}
	},
}

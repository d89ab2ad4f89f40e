package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// UniqueConstraintLocks reports a unique constraint built under a lock
// on an existing table.
var UniqueConstraintLocks = &lint.Rule{
	ID: "ML208", Name: "unique-constraint-locks", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "unique constraint on an existing table builds its index while blocking writes (PostgreSQL)",
	Doc: lint.Doc{
		Problem:  "ADD CONSTRAINT ... UNIQUE builds a unique index under a lock that blocks writes for the whole build.",
		Solution: "Build the unique index concurrently first, then attach it: ADD CONSTRAINT ... UNIQUE USING INDEX takes only a brief lock.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("uq_users_email", "users", ["email"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCreateUniqueConstraint || op.Concurrently || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s on %s builds its index while writes are blocked", named("unique constraint", op), existingTable(op)),
				"create the unique index with postgresql_concurrently=True, then ADD CONSTRAINT ... UNIQUE USING INDEX")
		}
	},
}

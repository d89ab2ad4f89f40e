package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ConcurrentInTransaction reports CONCURRENTLY inside the migration's
// transaction, which PostgreSQL refuses at run time.
var ConcurrentInTransaction = &lint.Rule{
	ID: "ML203", Name: "concurrent-in-transaction", Severity: lint.SeverityError, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "CONCURRENTLY outside an autocommit block fails at run time (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "Alembic runs each migration in a transaction on PostgreSQL. CREATE INDEX CONCURRENTLY and DROP " +
			"INDEX CONCURRENTLY cannot run inside a transaction block: the upgrade fails with \"CREATE INDEX " +
			"CONCURRENTLY cannot run inside a transaction block\" (SQLSTATE 25001), after the earlier operations ran.",
		Solution: "Put the operation in `with op.get_context().autocommit_block():`, which commits the migration's " +
			"transaction so far and runs the block in autocommit mode.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if !op.Concurrently || op.Scope.Autocommit || (op.Kind != lint.OpCreateIndex && op.Kind != lint.OpDropIndex) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s %q uses CONCURRENTLY inside the migration's transaction: PostgreSQL refuses it (SQLSTATE 25001)", op.Kind, op.Name),
				"wrap it in `with op.get_context().autocommit_block():`")
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// IndexNotConcurrent reports CREATE INDEX without CONCURRENTLY on an
// existing PostgreSQL table.
var IndexNotConcurrent = &lint.Rule{
	ID: "ML201", Name: "index-not-concurrent", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "index created without CONCURRENTLY on an existing table (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "CREATE INDEX takes a SHARE lock on the table for as long as the build runs: every INSERT, " +
			"UPDATE and DELETE waits, for minutes on a large table. CREATE INDEX CONCURRENTLY builds the index " +
			"without blocking writes. An index on a table created in the same revision is not reported.",
		Solution: "Pass postgresql_concurrently=True and run the operation outside the migration's transaction, in " +
			"an autocommit block (CONCURRENTLY cannot run inside a transaction).",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True
        )
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCreateIndex || op.Concurrently || !existing(op) {
				continue
			}
			help := "pass postgresql_concurrently=True inside `with op.get_context().autocommit_block():`"
			if op.SQL != "" {
				help = "write CREATE INDEX CONCURRENTLY and run it inside `with op.get_context().autocommit_block():`"
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("creating %s on %s without CONCURRENTLY blocks writes to it for the whole build", named("index", op), existingTable(op)),
				help)
		}
	},
}

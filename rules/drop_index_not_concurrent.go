package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropIndexNotConcurrent reports DROP INDEX without CONCURRENTLY.
var DropIndexNotConcurrent = &lint.Rule{
	ID: "ML202", Name: "drop-index-not-concurrent", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "index dropped without CONCURRENTLY (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table. It is quick once it has the " +
			"lock, but it queues behind any long-running query on the table, and every query that arrives after it " +
			"queues behind it: reads and writes stop until the long query ends.",
		Solution: "Drop the index with postgresql_concurrently=True in an autocommit block.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_legacy", table_name="orders", postgresql_concurrently=True)
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpDropIndex || op.Concurrently || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("dropping index %q without CONCURRENTLY takes an ACCESS EXCLUSIVE lock that queues every query on the table", op.Name),
				"pass postgresql_concurrently=True inside `with op.get_context().autocommit_block():`")
		}
	},
}

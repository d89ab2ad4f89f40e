package rules

import (
	"fmt"
	"strings"

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
		ops := upgradeOps(p)
		for _, op := range ops {
			if op.Kind != lint.OpDropIndex || op.Concurrently || !existing(op) || tableLockedAnyway(op, ops) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("dropping %s without CONCURRENTLY takes an ACCESS EXCLUSIVE lock that queues every query on the table", named("index", op)),
				"pass postgresql_concurrently=True inside `with op.get_context().autocommit_block():`")
		}
	},
}

// tableLockedAnyway reports an index drop that CONCURRENTLY would not make
// any gentler: the revision drops the index's table (autogenerate always
// emits drop_index before drop_table), or takes ACCESS EXCLUSIVE on that
// table with another operation anyway.
func tableLockedAnyway(drop lint.Op, ops []lint.Op) bool {
	if drop.Table == "" {
		return false
	}
	for _, other := range ops {
		if other.Index == drop.Index || !strings.EqualFold(other.Table, drop.Table) {
			continue
		}
		switch other.Kind {
		case lint.OpDropTable:
			return true
		case lint.OpCreateIndex, lint.OpDropIndex, lint.OpCreateForeignKey, lint.OpValidateConstraint:
			continue // weaker locks on the table (SHARE, SHARE ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE)
		}
		if takesLock(other) {
			return true
		}
	}
	return false
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// UnboundedUpdate reports UPDATE without WHERE.
var UnboundedUpdate = &lint.Rule{
	ID: "ML406", Name: "unbounded-update", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "UPDATE without WHERE rewrites every row in one transaction",
	Doc: lint.Doc{
		Problem: "An UPDATE without WHERE touches every row in one transaction: it locks them all until commit, " +
			"writes a new version of each (table bloat on PostgreSQL) and can run for a long time on a large table.",
		Solution: "Backfill in batches by primary key range, each in its own transaction, outside the schema migration or in an autocommit block.",
		Example: `
def upgrade():
    conn = op.get_bind()
    with op.get_context().autocommit_block():
        for start in range(0, max_id + 1, 10_000):
            conn.execute(sa.text("UPDATE users SET status = 'active' WHERE id >= :a AND id < :b AND status IS NULL"), {"a": start, "b": start + 10_000})
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpUpdate && !op.HasWhere && existing(op) {
				p.Report(p.Revision, op.Span, fmt.Sprintf("UPDATE without WHERE rewrites every row of %s in one transaction", target(op)),
					"backfill in batches by primary key range, or add the WHERE clause you meant")
			}
		}
	},
}

package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DDLWithDML reports a data change in the same revision as a schema
// change to the same table.
var DDLWithDML = &lint.Rule{
	ID: "ML405", Name: "ddl-with-dml", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "data change in the same revision as a schema change to that table",
	Doc: lint.Doc{
		Problem: "On PostgreSQL the whole revision is one transaction: the schema change's ACCESS EXCLUSIVE lock " +
			"is held while the UPDATE runs over every row, so the table is unavailable for the whole backfill. On " +
			"MySQL DDL commits implicitly, so a failed backfill leaves the schema half migrated.",
		Solution: "Change the schema in one revision and backfill in another (or in a batched job), so that each is short and can be retried.",
		Example: `
# revision 1
def upgrade():
    op.add_column("users", sa.Column("status", sa.String(20), nullable=True))

# revision 2
def upgrade():
    op.execute("UPDATE users SET status = 'active' WHERE status IS NULL")
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		changed := map[string]bool{}
		for _, op := range ops {
			if op.IsDDL() && existing(op) && op.Table != "" {
				changed[strings.ToLower(op.Table)] = true
			}
		}
		for _, op := range ops {
			if op.IsDML() && existing(op) && changed[strings.ToLower(op.Table)] {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("%s of %s runs in the same revision as a schema change to it: the lock is held for the whole data change", strings.ToUpper(string(op.Kind)), target(op)),
					"move the data change to its own revision, after the schema change")
			}
		}
	},
}

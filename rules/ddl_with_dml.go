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
	Dialects: []lint.Dialect{lint.PostgreSQL},
	Title:    "data change after a schema change to the same table, in one transaction",
	Doc: lint.Doc{
		Problem: "On PostgreSQL the whole revision is one transaction: the schema change's ACCESS EXCLUSIVE lock " +
			"is held until the end, so an UPDATE (a backfill, with or without WHERE, or a row-by-row Python loop) " +
			"that runs after it keeps the table unavailable for the whole data change. A data change that runs " +
			"before the schema change does not hold that lock while it runs. MySQL and MariaDB commit each DDL " +
			"statement at once and SQLite has no concurrent writers, so the rule is PostgreSQL's.",
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
		// changed holds the tables a schema change has locked in the
		// transaction so far. An autocommit block commits that
		// transaction first, and its statements run outside it.
		changed := map[string]bool{}
		for _, op := range ops {
			if op.Scope.Autocommit || op.Kind == lint.OpCommit {
				clear(changed)
				continue
			}
			t := strings.ToLower(op.Table)
			if op.IsDDL() && existing(op) && op.Table != "" && takesLock(op) {
				changed[t] = true
				continue
			}
			if !op.IsDML() || !existing(op) || !changed[t] {
				continue
			}
			what := strings.ToUpper(string(op.Kind))
			if op.Scope.Loop {
				what += " in a Python loop"
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s of %s runs after a schema change to it in the same transaction: the ACCESS EXCLUSIVE lock is held for the whole data change", what, target(op)),
				"move the data change to its own revision, after the schema change")
		}
	},
}

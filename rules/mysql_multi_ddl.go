package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MySQLMultiDDL notes several DDL statements in one revision on MySQL,
// where DDL is not transactional.
var MySQLMultiDDL = &lint.Rule{
	ID: "ML507", Name: "mysql-multi-ddl", Severity: lint.SeverityInfo, Since: "0.1.0", Dialects: []lint.Dialect{lint.MySQL, lint.MariaDB}, OptIn: true,
	Title: "several DDL statements in one revision on MySQL/MariaDB",
	Doc: lint.Doc{
		Problem: "MySQL and MariaDB commit every DDL statement on its own: if the third statement of a revision " +
			"fails, the first two stay applied while alembic_version still names the previous revision. Re-running " +
			"the upgrade then fails on the objects that already exist, and someone has to repair the schema by hand.",
		Solution: "Keep one DDL statement per revision, or make each statement safe to re-run (IF NOT EXISTS) so that a failed upgrade can be retried.",
		Example: `
# revision 1
def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))

# revision 2
def upgrade():
    op.create_index("ix_orders_note", "orders", ["note"], mysql_length=100)
`,
	},
	Run: func(p *lint.Pass) {
		count := 0
		for _, op := range upgradeOps(p) {
			if !op.IsDDL() {
				continue
			}
			count++
			if count == 2 {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("second DDL statement (%s) in one revision: MySQL commits each one, so a failure here leaves the first applied", op.Kind),
					"split the revision so each has one DDL statement, or make each statement safe to re-run")
				return
			}
		}
	},
}

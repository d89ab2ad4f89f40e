package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MySQLImplicitDefault reports a NOT NULL column added without a server
// default on MySQL or MariaDB, which fill the existing rows silently.
var MySQLImplicitDefault = &lint.Rule{
	ID: "ML409", Name: "mysql-implicit-default", Severity: lint.SeverityWarning, Since: "0.2.0",
	Dialects: []lint.Dialect{lint.MySQL, lint.MariaDB},
	Title:    "NOT NULL column added without a default on MySQL/MariaDB: existing rows get the type's implicit default",
	Doc: lint.Doc{
		Problem: "Where PostgreSQL refuses to add a NOT NULL column without a default to a table with rows, MySQL " +
			"and MariaDB accept it and fill every existing row with the type's implicit default: '' for strings, 0 " +
			"for numbers, the zero date for dates. The rows now hold values nobody wrote, which read as real data. " +
			"In strict mode (the default), every later INSERT that omits the column fails.",
		Solution: "Give the column the default you mean with server_default=, or add it nullable, backfill it, then make it NOT NULL.",
		Example: `
def upgrade():
    op.add_column("orders", sa.Column("channel", sa.String(20), nullable=False, server_default="web"))
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if !addsNotNullWithoutServerDefault(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("adding NOT NULL column %q to existing table %s without server_default: MySQL fills every existing row with the type's implicit default ('' / 0 / zero date), and inserts that omit the column fail in strict mode", op.Column, tableLabel(op)),
				"add server_default=... with the value you mean, or add the column nullable, backfill it, then set NOT NULL")
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MySQLTableCopy reports operations MySQL and MariaDB run by copying or
// rebuilding the table.
var MySQLTableCopy = &lint.Rule{
	ID: "ML212", Name: "mysql-table-copy", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.MySQL, lint.MariaDB},
	Title: "operation that MySQL/MariaDB runs by copying or rebuilding the table",
	Doc: lint.Doc{
		Problem: "MySQL and MariaDB run some ALTER TABLE operations with ALGORITHM=COPY (a new table is written " +
			"row by row while writes are blocked) or rebuild the table in place: adding a foreign key with " +
			"foreign_key_checks on, adding or dropping a primary key, changing a column's nullability, and before " +
			"MySQL 8.0 (MariaDB 10.3) adding a column, before MySQL 8.0.29 (MariaDB 10.4) dropping one. Type " +
			"changes are ML207.",
		Solution: "Run large-table changes with an online schema change tool (gh-ost, pt-online-schema-change), " +
			"in a maintenance window, or split them so that the copy happens on a new, empty table.",
		Example: `
def upgrade():
    # INSTANT on MySQL 8.0+: appending a nullable column
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
`,
	},
	Run: func(p *lint.Pass) {
		d := p.Dialect()
		addRebuilds := d == lint.MySQL && olderThan(p.Config, "8.0") || d == lint.MariaDB && olderThan(p.Config, "10.3")
		dropRebuilds := d == lint.MySQL && olderThan(p.Config, "8.0.29") || d == lint.MariaDB && olderThan(p.Config, "10.4")
		for _, op := range upgradeOps(p) {
			if !existing(op) {
				continue
			}
			var why string
			switch {
			case op.Kind == lint.OpCreateForeignKey:
				why = "adding a foreign key copies the table (ALGORITHM=COPY) unless foreign_key_checks is off"
			case op.Kind == lint.OpCreatePrimaryKey || op.Kind == lint.OpDropPrimaryKey:
				why = "changing the primary key rebuilds the table"
			case op.Kind == lint.OpAlterColumn && op.Nullable != nil && !op.NewColumn:
				why = "changing a column's nullability rebuilds the table"
			case op.Kind == lint.OpAddColumn && addRebuilds:
				why = fmt.Sprintf("adding a column rebuilds the table before MySQL 8.0 / MariaDB 10.3 (target %s)", p.Config.TargetVersion)
			case op.Kind == lint.OpDropColumn && dropRebuilds:
				why = fmt.Sprintf("dropping a column rebuilds the table before MySQL 8.0.29 / MariaDB 10.4 (target %s)", p.Config.TargetVersion)
			default:
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("on %s, %s %s: %s, blocking writes for the whole copy", d, op.Kind, target(op), why),
				"run it with an online schema change tool (gh-ost, pt-online-schema-change) or in a maintenance window")
		}
	},
}

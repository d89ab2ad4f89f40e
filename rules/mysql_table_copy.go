package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MySQLTableCopy reports operations MySQL and MariaDB run by copying the
// table (writes blocked) or, on older servers, by rebuilding it.
var MySQLTableCopy = &lint.Rule{
	ID: "ML212", Name: "mysql-table-copy", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.MySQL, lint.MariaDB},
	Title: "operation that MySQL/MariaDB runs by copying the table, blocking writes (or rebuilding it on old servers)",
	Doc: lint.Doc{
		Problem: "MySQL and MariaDB run some ALTER TABLE operations with ALGORITHM=COPY: a new table is written " +
			"row by row while writes to the old one are blocked. That is the case for adding a foreign key with " +
			"foreign_key_checks on, and for dropping a primary key without adding another in the same statement. " +
			"Before MySQL 8.0 (MariaDB 10.3) adding a column, and before MySQL 8.0.29 (MariaDB 10.4) dropping one, " +
			"rebuild the table in place: writes continue, but the rebuild takes time and disk proportional to the " +
			"table and replicas fall behind. Changing nullability, adding a primary key or replacing one run in " +
			"place with concurrent writes and are not reported. Type changes are ML207.",
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
		ops := upgradeOps(p)
		for _, op := range ops {
			if !existing(op) {
				continue
			}
			var what string
			switch {
			case op.Kind == lint.OpCreateForeignKey && !foreignKeyChecksOff(ops[:op.Index]):
				what = "adding a foreign key copies the table (ALGORITHM=COPY) unless foreign_key_checks is off, blocking writes for the whole copy"
			case op.Kind == lint.OpDropPrimaryKey && !addsPrimaryKey(ops, op):
				what = "dropping the primary key without adding another copies the table (ALGORITHM=COPY), blocking writes for the whole copy"
			case op.Kind == lint.OpAddColumn && addRebuilds:
				what = fmt.Sprintf("adding a column rebuilds the table before MySQL 8.0 / MariaDB 10.3 (target %s): writes continue, but the rebuild takes time and disk proportional to the table and replicas fall behind", p.Config.TargetVersion)
			case op.Kind == lint.OpDropColumn && dropRebuilds:
				what = fmt.Sprintf("dropping a column rebuilds the table before MySQL 8.0.29 / MariaDB 10.4 (target %s): writes continue, but the rebuild takes time and disk proportional to the table and replicas fall behind", p.Config.TargetVersion)
			default:
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s on %s: %s", op.Kind, target(op), what),
				"run it with an online schema change tool (gh-ost, pt-online-schema-change) or in a maintenance window")
		}
	},
}

// foreignKeyChecksOff reports a SET foreign_key_checks = 0 earlier in the
// revision: MySQL then adds a foreign key in place.
func foreignKeyChecksOff(earlier []lint.Op) bool {
	for _, op := range earlier {
		sql := strings.ToLower(strings.Join(strings.Fields(op.SQL), ""))
		if strings.Contains(sql, "foreign_key_checks=0") || strings.Contains(sql, "foreign_key_checks=off") || strings.Contains(sql, "foreign_key_checks=false") {
			return true
		}
	}
	return false
}

// addsPrimaryKey reports a new primary key added by the same ALTER TABLE
// statement that drops the old one: only then does MySQL replace it in
// place. Two statements (Alembic's drop_constraint, then
// create_primary_key) copy the table at the drop.
func addsPrimaryKey(ops []lint.Op, drop lint.Op) bool {
	if drop.SQL == "" {
		return false
	}
	for _, op := range ops {
		if op.Kind == lint.OpCreatePrimaryKey && strings.EqualFold(op.Table, drop.Table) && op.SQL == drop.SQL && op.Span == drop.Span {
			return true
		}
	}
	return false
}

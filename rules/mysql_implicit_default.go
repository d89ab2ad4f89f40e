package rules

import (
	"fmt"
	"regexp"
	"strings"

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
		ops := upgradeOps(p)
		for _, op := range ops {
			if !addsNotNullWithoutServerDefault(op) {
				continue
			}
			if filledLater(op, ops[op.Index+1:]) || assignedLater(p.Revision, op) {
				// The backfill below replaces the implicit values, so the
				// claim narrows to the inserts that still omit the column:
				// those of the previous release, which only runs against
				// the new schema in a rolling deploy.
				if !rollingDeploy(p.Revision, ops) {
					continue
				}
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("adding NOT NULL column %q to %s without server_default: the revision fills the existing rows, but in strict mode every insert that omits the column fails, including those of servers still running the previous release", op.Column, existingTable(op)),
					"add server_default=... so writers that do not know the column keep working, or drop the default in a later release")
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("adding NOT NULL column %q to %s without server_default: MySQL fills every existing row with the type's implicit default ('' / 0 / zero date), and inserts that omit the column fail in strict mode", op.Column, existingTable(op)),
				"add server_default=... with the value you mean, or add the column nullable, backfill it, then set NOT NULL")
		}
	},
}

// filledLater reports a column the revision goes on to fill for the rows
// it keeps: an UPDATE of its table (a backfill, in SQL or in a loop), or
// every row deleted. Such a column holds no implicit values once the
// revision is done.
func filledLater(add lint.Op, later []lint.Op) bool {
	for _, op := range later {
		if !strings.EqualFold(op.Table, add.Table) || op.Table == "" {
			continue
		}
		if op.Kind == lint.OpUpdate || op.Kind == lint.OpTruncate || op.Kind == lint.OpDelete && !op.HasWhere {
			return true
		}
	}
	return false
}

// rollingDeploy reports a revision the previous release can keep running
// against: one in an expand branch (the expand/contract convention says old
// servers run during it), or one that only adds. A revision that drops or
// renames what the old code uses is deployed in lockstep anyway, and a
// server default would not save the old release.
func rollingDeploy(rev *lint.Revision, ops []lint.Op) bool {
	for _, label := range rev.BranchLabels {
		if strings.EqualFold(label, "expand") {
			return true
		}
	}
	if strings.Contains(strings.ReplaceAll(rev.File, `\`, "/"), "/expand/") {
		return true
	}
	for _, op := range ops {
		switch op.Kind {
		case lint.OpDropTable, lint.OpDropColumn, lint.OpRenameTable:
			return false
		case lint.OpAlterColumn:
			if op.NewName != "" {
				return false
			}
		}
	}
	return true
}

// assignedLater reports an attribute of the new column's name assigned
// after the add_column in upgrade(): `row.folder_id = ...` in a loop over
// an ORM query is how many projects backfill, and no operation records it.
func assignedLater(rev *lint.Revision, add lint.Op) bool {
	if add.Column == "" || !rev.Upgrade.Defined {
		return false
	}
	assign := regexp.MustCompile(`\.\s*` + regexp.QuoteMeta(add.Column) + `\s*=[^=]|setattr\([^,]+,\s*["']` + regexp.QuoteMeta(add.Column) + `["']`)
	end := min(rev.Upgrade.Span.EndLine, len(rev.Lines))
	for line := add.Span.EndLine + 1; line <= end; line++ {
		text, _, _ := strings.Cut(rev.Lines[line-1], "#")
		if assign.MatchString(text) {
			return true
		}
	}
	return false
}

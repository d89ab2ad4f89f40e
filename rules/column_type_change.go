package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ColumnTypeChange reports a column type change that rewrites the table.
var ColumnTypeChange = &lint.Rule{
	ID: "ML207", Name: "column-type-change", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL, lint.MySQL, lint.MariaDB},
	Title: "column type change rewrites the table",
	Doc: lint.Doc{
		Problem: "Most type changes rewrite the whole table (and its indexes) under an exclusive lock: on " +
			"PostgreSQL ALTER COLUMN TYPE holds ACCESS EXCLUSIVE for the rewrite; on MySQL MODIFY COLUMN copies the " +
			"table. A few widenings are free: PostgreSQL varchar(n) to varchar(m>n), varchar to text, numeric(p,s) " +
			"to numeric(q>p,s); MySQL varchar(n) to varchar(m>n) while both stay at or under 63 utf8mb4 characters " +
			"(or both above). migrate-lint passes those when `existing_type` tells it the old type.",
		Solution: "Pass existing_type so a safe widening is recognised. For a real conversion, add a new column, " +
			"backfill it in batches, switch the application over, then drop the old column.",
		Example: `
def upgrade():
    op.alter_column(
        "users", "name", type_=sa.String(length=200), existing_type=sa.String(length=100)
    )
`,
	},
	Run: func(p *lint.Pass) {
		d := p.Dialect()
		// What the rewrite costs: PostgreSQL holds ACCESS EXCLUSIVE (no
		// reads, no writes); MySQL and MariaDB copy the table with writes
		// blocked.
		rewrites := "rewrites the table under an exclusive lock"
		if d.IsMySQLFamily() {
			rewrites = "copies the table (ALGORITHM=COPY), blocking writes for the whole copy"
		}
		restored := typesRestoredByDowngrade(p.Ops().Downgrade)
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpAlterColumn && op.ExistingType == "" {
				// The downgrade's type_ is the column's type before.
				op.ExistingType = restored[strings.ToLower(op.Table)+"."+strings.ToLower(op.Column)]
			}
			if op.Kind != lint.OpAlterColumn || op.Type == "" || op.NewColumn || safeTypeChange(d, op.ExistingType, op.Type) {
				continue
			}
			if op.ExistingType == "" && op.SQL != "" && d.IsMySQLFamily() {
				// MySQL's CHANGE/MODIFY COLUMN restates the whole column
				// to change its nullability or default: without the old
				// type there is no telling a type change (ML212 covers
				// the copy such a statement makes).
				continue
			}
			if op.ExistingType == "" {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("changing the type of %s to %s may change the whole table: it %s unless it is a safe widening, which cannot be recognised because the old type is not given", target(op), op.Type, rewrites),
					"pass existing_type=... (safe widenings then pass), or add a new column, backfill it and switch over")
				continue
			}
			if timeZoneChange(op.ExistingType, op.Type) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("changing %s from %s to %s %s and reinterprets every stored value in the session's time zone", target(op), op.ExistingType, op.Type, rewrites),
					"add a new column of the new type, backfill it with an explicit AT TIME ZONE conversion in batches, switch the application, then drop the old column")
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("changing %s from %s to %s %s", target(op), op.ExistingType, op.Type, rewrites),
				"add a new column of the new type, backfill it in batches, switch the application, then drop the old column")
		}
	},
}

// timeZoneChange reports a change between timestamp with and without time
// zone: beyond the rewrite, the values change meaning.
func timeZoneChange(from, to string) bool {
	withTZ := func(t string) bool { return strings.HasPrefix(t, "timestamp with time zone") }
	plain := func(t string) bool { name, _ := parsedType(t); return name == "timestamp" }
	return withTZ(from) && plain(to) || plain(from) && withTZ(to)
}

// typesRestoredByDowngrade maps table.column to the type the downgrade
// gives the column back: the type it had before the upgrade.
func typesRestoredByDowngrade(downgrade []lint.Op) map[string]string {
	out := map[string]string{}
	for _, op := range downgrade {
		// Names computed at run time cannot be matched to the upgrade's.
		if op.Kind == lint.OpAlterColumn && op.Type != "" && op.NewName == "" && op.Table != "" && op.Column != "" {
			out[strings.ToLower(op.Table)+"."+strings.ToLower(op.Column)] = op.Type
		}
	}
	return out
}

package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// SetNotNull reports SET NOT NULL on an existing column.
var SetNotNull = &lint.Rule{
	ID: "ML206", Name: "set-not-null", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "SET NOT NULL on an existing column scans the table under an exclusive lock (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "ALTER COLUMN ... SET NOT NULL scans the whole table to prove there is no NULL, holding an ACCESS " +
			"EXCLUSIVE lock: the table is unavailable for the scan. It also fails if a NULL remains.",
		Solution: "On PostgreSQL 12+, add a CHECK (col IS NOT NULL) NOT VALID constraint, VALIDATE it in a later " +
			"revision (no exclusive lock), then SET NOT NULL, which uses the valid constraint instead of a scan, and drop the check.",
		Example: `
def upgrade():
    op.create_check_constraint("ck_users_email_not_null", "users", "email IS NOT NULL", postgresql_not_valid=True)

# a later revision
def upgrade():
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT ck_users_email_not_null")
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=False)
    op.drop_constraint("ck_users_email_not_null", "users", type_="check")
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			// A column added earlier in the same revision still sits in an
			// existing table: SET NOT NULL scans every row of it.
			if op.Kind != lint.OpAlterColumn || op.Nullable == nil || *op.Nullable || op.NewTable {
				continue
			}
			if op.ExistingNullable != nil && !*op.ExistingNullable {
				continue // already NOT NULL: Alembic emits nothing for it
			}
			if !olderThan(p.Config, "12") && validatedBefore(ops[:op.Index], op.Table) {
				continue // PostgreSQL 12+ proves NOT NULL from the validated CHECK: no scan
			}
			what := "existing column " + target(op)
			if op.NewColumn {
				what = fmt.Sprintf("column %s (added earlier in this revision to %s)", strconv.Quote(op.Column), existingTable(op))
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("setting NOT NULL on %s scans the whole table under an ACCESS EXCLUSIVE lock", what),
				"add CHECK (... IS NOT NULL) NOT VALID, validate it in a later revision, then set NOT NULL")
		}
	},
}

// validatedBefore reports a constraint validated on the table earlier in
// the revision: the documented safe form validates a CHECK (col IS NOT
// NULL) added NOT VALID by an earlier revision, then sets NOT NULL.
func validatedBefore(earlier []lint.Op, table string) bool {
	for _, op := range earlier {
		if op.Kind == lint.OpValidateConstraint && strings.EqualFold(op.Table, table) {
			return true
		}
	}
	return false
}

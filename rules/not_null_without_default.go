package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// NotNullWithoutDefault reports a NOT NULL column added to an existing
// table without a server default.
var NotNullWithoutDefault = &lint.Rule{
	ID: "ML401", Name: "not-null-without-default", Severity: lint.SeverityError, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL, lint.SQLite},
	Title: "NOT NULL column added to an existing table without server_default",
	Doc: lint.Doc{
		Problem: "ADD COLUMN ... NOT NULL without a DEFAULT fails as soon as the table has a row: the existing rows " +
			"would hold NULL. It passes on the empty development database and fails in production. (MySQL and " +
			"MariaDB fill existing rows with the type's implicit default instead, so the rule is quiet there.)",
		Solution: "Give the column a server_default (a constant is free on PostgreSQL 11+), or add it nullable, " +
			"backfill in batches, and set NOT NULL in a later revision.",
		Example: `
def upgrade():
    op.add_column(
        "conversation_log",
        sa.Column("sentiment", sa.String(16), nullable=False, server_default=sa.text("'neutral'")),
    )
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if !addsNotNullWithoutServerDefault(op) || op.ClientDefault {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("adding NOT NULL column %q to %s without server_default fails on a non-empty table", op.Column, tableLabel(op)),
				"add server_default=..., or add the column nullable, backfill, then set NOT NULL")
		}
	},
}

// addsNotNullWithoutServerDefault is the shared condition of ML401 and
// ML402.
func addsNotNullWithoutServerDefault(op lint.Op) bool {
	return op.Kind == lint.OpAddColumn && existing(op) && op.Nullable != nil && !*op.Nullable && op.ServerDefault == ""
}

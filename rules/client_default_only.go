package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// ClientDefaultOnly reports default= given where server_default= was
// meant.
var ClientDefaultOnly = &lint.Rule{
	ID: "ML402", Name: "client-default-only", Severity: lint.SeverityError, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL, lint.SQLite},
	Title: "NOT NULL column added with default= but no server_default=",
	Doc: lint.Doc{
		Problem: "`default=` is a Python-side default used by SQLAlchemy on INSERT; Alembic emits no DEFAULT " +
			"clause for it. The existing rows still get NULL and ADD COLUMN ... NOT NULL fails on a non-empty table, " +
			"although the revision looks as if it had a default.",
		Solution: "Use server_default= (a SQL expression or string) for the value existing rows should get.",
		Example: `
def upgrade():
    op.add_column(
        "users", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if !addsNotNullWithoutServerDefault(op) || !op.ClientDefault {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("NOT NULL column %q on %s has default= but no server_default=: Alembic emits no DEFAULT, so the ADD COLUMN fails on a non-empty table", op.Column, tableLabel(op)),
				"replace default= with server_default= (or give both)")
		}
	},
}

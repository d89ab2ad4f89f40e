package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// AddPrimaryKey reports a primary key added to an existing table.
var AddPrimaryKey = &lint.Rule{
	ID: "ML209", Name: "add-primary-key", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "primary key added to an existing table",
	Doc: lint.Doc{
		Problem: "Adding a primary key builds a unique index and (PostgreSQL) checks every column for NULL under " +
			"an ACCESS EXCLUSIVE lock; MySQL rebuilds the table. The table is unavailable meanwhile.",
		Solution: "PostgreSQL: build a unique index concurrently, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX. " +
			"MySQL: run the change with an online schema change tool, or in a maintenance window.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("pk_events", "events", ["id"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE events ADD CONSTRAINT pk_events PRIMARY KEY USING INDEX pk_events")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCreatePrimaryKey || op.Concurrently || !existing(op) {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("adding %s to %s builds its index under an exclusive lock", named("primary key", op), existingTable(op)),
				"build a unique index concurrently first, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX")
		}
	},
}

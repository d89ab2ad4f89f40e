package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// VolatileDefault reports ADD COLUMN with a default that forces a table
// rewrite.
var VolatileDefault = &lint.Rule{
	ID: "ML210", Name: "volatile-default", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "column added with a volatile default (any default before PostgreSQL 11) rewrites the table",
	Doc: lint.Doc{
		Problem: "Since PostgreSQL 11 ADD COLUMN ... DEFAULT <constant> only records the default: no rewrite. A " +
			"volatile default (gen_random_uuid(), random(), clock_timestamp(), nextval()) must be computed per row, " +
			"so the whole table is rewritten under an ACCESS EXCLUSIVE lock. Before PostgreSQL 11 every default " +
			"rewrites the table. now() is stable, not volatile, and is free.",
		Solution: "Add the column without a default (or with a constant one), set the default for new rows " +
			"separately, and backfill existing rows in batches.",
		Example: `
def upgrade():
    op.add_column("orders", sa.Column("public_id", postgresql.UUID(), nullable=True))
    op.alter_column("orders", "public_id", server_default=sa.text("gen_random_uuid()"))
    # backfill existing rows in batches, in a later revision or a job
`,
	},
	Run: func(p *lint.Pass) {
		old := olderThan(p.Config, "11")
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpAddColumn || op.ServerDefault == "" || !existing(op) {
				continue
			}
			switch {
			case op.VolatileDefault:
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("adding %s with the volatile default %s rewrites the whole table under an ACCESS EXCLUSIVE lock", target(op), op.ServerDefault),
					"add the column without the default, then set the default with alter_column and backfill existing rows in batches")
			case old:
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("adding %s with a default rewrites the whole table before PostgreSQL 11 (target %s)", target(op), p.Config.TargetVersion),
					"add the column nullable without a default, set the default with alter_column, then backfill in batches")
			}
		}
	},
}

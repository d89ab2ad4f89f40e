package rules

import "github.com/migrate-lint/migrate-lint/lint"

// TableRewrite is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var TableRewrite = &lint.Rule{
	ID: lint.TableRewriteID, Name: "table-rewrite", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "upgrade rewrote an existing table (PostgreSQL)",
	Doc: lint.Doc{
		Problem:  "Measured on PostgreSQL: the storage of an existing table was replaced (its relfilenode changed) while the revision ran, which means every row was copied under an ACCESS EXCLUSIVE lock. On a large table that is an outage.",
		Solution: "Avoid the rewrite: change types in steps (new column, backfill, swap), add columns without volatile defaults, avoid batch recreate.",
		Example: `
def upgrade():
    op.add_column("items", sa.Column("qty_big", sa.BigInteger(), nullable=True))
    # backfill qty_big in batches, switch the application, drop qty later
`,
	},
}

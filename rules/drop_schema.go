package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropSchema reports DROP SCHEMA / DROP DATABASE.
var DropSchema = &lint.Rule{
	ID: "ML304", Name: "drop-schema", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "drops a schema or database",
	Doc: lint.Doc{
		Problem: "DROP SCHEMA (or DROP DATABASE on MySQL) removes every object in it and its data. A migration " +
			"rarely should; a copied maintenance script often does.",
		Solution: "Drop the individual objects that are really unused, or do this outside migrations, deliberately.",
		Example: `
def upgrade():
    op.drop_table("reporting_daily", schema="reporting")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpDropSchema {
				p.Report(p.Revision, op.Span, fmt.Sprintf("dropping schema %q removes every object in it and their data", op.Name),
					"drop only the objects that are unused, or do this outside the migrations")
			}
		}
	},
}

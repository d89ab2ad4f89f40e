package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropTable reports dropping an existing table.
var DropTable = &lint.Rule{
	ID: "ML301", Name: "drop-table", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "drops an existing table",
	Doc: lint.Doc{
		Problem: "Dropping a table loses its data for good, and the application version still running during " +
			"the deploy fails on every query that touches it. Downgrade cannot bring the rows back.",
		Solution: "First deploy code that no longer uses the table; keep a backup or archive; then drop it in a " +
			"later release. When that has been done, suppress the finding with the reason.",
		Example: `
def upgrade():
    # migrate-lint: ignore[ML301] unused since 4.2, archived to s3://backups/legacy_events
    op.drop_table("legacy_events")
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpDropTable && existing(op) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("dropping table %s deletes its data and breaks code that still reads it", target(op)),
					"stop using the table in a release first, archive the data, then suppress this with the reason")
			}
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RenameColumn reports renaming an existing column.
var RenameColumn = &lint.Rule{
	ID: "ML403", Name: "rename-column", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "renames an existing column",
	Doc: lint.Doc{
		Problem: "The application version running during the deploy still uses the old name: every query on the " +
			"table fails between the migration and the end of the rollout.",
		Solution: "Expand and contract: add the new column, write to both, backfill, switch reads, then drop the old " +
			"column in a later release. Or map the model attribute to the old column name and keep the column.",
		Example: `
# model: keep the column, rename the attribute
class User(Base):
    full_name = sa.Column("name", sa.String(100))
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			if op.Kind == lint.OpAlterColumn && op.NewName != "" && !op.NewColumn && !roundTrip(op, ops) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("renaming column %s to %q breaks the running application, which still uses the old name", target(op), op.NewName),
					"add the new column and migrate in steps (expand/contract), or keep the column and rename only the model attribute")
			}
		}
	},
}

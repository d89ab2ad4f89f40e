package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropColumn reports dropping an existing column.
var DropColumn = &lint.Rule{
	ID: "ML302", Name: "drop-column", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "drops an existing column",
	Doc: lint.Doc{
		Problem: "The column's data is lost, and the application version still running during the deploy fails: " +
			"SQLAlchemy selects every mapped column, so even code that never uses the column breaks.",
		Solution: "Remove the column from the model first (or mark it deferred), deploy, then drop it in a later " +
			"release and suppress this finding with the reason.",
		Example: `
def upgrade():
    # migrate-lint: ignore[ML302] removed from the model in 4.2; data archived
    op.drop_column("users", "legacy_flag")
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			// A swap (add a new column, copy, drop the old one, rename the
			// new one to the old name) keeps the column and its data: it is
			// a type change (ML207), not a drop.
			if op.Kind == lint.OpDropColumn && !op.NewColumn && !renamedBack(op, ops) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("dropping column %s deletes its data and breaks the running application, which still selects it", target(op)),
					"remove the column from the model and deploy first, then drop it and suppress this with the reason")
			}
		}
	},
}

// renamedBack reports a dropped column whose name a later rename in the
// same revision gives to another column of the table.
func renamedBack(drop lint.Op, ops []lint.Op) bool {
	for _, other := range ops[drop.Index+1:] {
		if other.Kind == lint.OpAlterColumn && other.NewName != "" && strings.EqualFold(other.Table, drop.Table) && strings.EqualFold(other.NewName, drop.Column) {
			return true
		}
	}
	return false
}

package rules

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// IrreversibleDowngrade notes a downgrade that raises NotImplementedError.
var IrreversibleDowngrade = &lint.Rule{
	ID: "ML502", Name: "irreversible-downgrade", Severity: lint.SeverityInfo, Since: "0.1.0",
	Title: "downgrade raises NotImplementedError",
	Doc: lint.Doc{
		Problem: "The revision cannot be rolled back: `alembic downgrade` stops here. That is honest when the " +
			"upgrade destroys information, but the team should know before it deploys.",
		Solution: "Nothing to fix if it is intended; make sure the release plan does not rely on a downgrade past this revision.",
		Example: `
def downgrade():
    # migrate-lint: ignore[ML502] the release plan never downgrades past 4.2
    raise NotImplementedError("the dropped column's data cannot be restored; restore from backup")
`,
	},
	Run: func(p *lint.Pass) {
		if p.Revision.Downgrade.RaisesNotImplemented {
			p.Report(p.Revision, p.Revision.Downgrade.Span, "downgrade raises NotImplementedError: this revision cannot be rolled back",
				"make sure the release plan does not need a downgrade past this revision")
		}
	},
}

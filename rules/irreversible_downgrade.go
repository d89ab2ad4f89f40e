package rules

import (
	"fmt"

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
	Project: true,
	Run: func(p *lint.Pass) {
		// In a project that writes no downgrades, ML501 says so once.
		if _, _, policy := noDowngradePolicy(p.Project); policy {
			return
		}
		var irreversible []*lint.Revision
		for _, r := range p.Project.Targets() {
			if r.Downgrade.Irreversible {
				irreversible = append(irreversible, r)
			}
		}
		switch {
		case len(irreversible) == 0:
		case p.Project.Base != nil || len(irreversible) == 1:
			// A change: each of its revisions matters to the release plan.
			for _, r := range irreversible {
				p.Report(r, r.Downgrade.Span, "downgrade raises: this revision cannot be rolled back",
					"make sure the release plan does not need a downgrade past this revision")
			}
		default:
			// The whole history: which revisions stop a downgrade is one
			// fact about the project.
			first := irreversible[0]
			reportOnce(p, first, first.Downgrade.Span,
				fmt.Sprintf("%d revisions cannot be rolled back (their downgrade raises), the first %q: `alembic downgrade` stops at them", len(irreversible), first.ID),
				"make sure the release plan does not need a downgrade past them")
		}
	},
}

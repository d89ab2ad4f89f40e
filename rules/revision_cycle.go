package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RevisionCycle reports down_revision chains that loop.
var RevisionCycle = &lint.Rule{
	ID: "ML105", Name: "revision-cycle", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "down_revision chain forms a cycle",
	Doc: lint.Doc{
		Problem: "Following down_revision from this revision leads back to it. Alembic reports a cycle and no " +
			"upgrade or downgrade can be planned. A merge conflict resolved by swapping ids, or a revision pointed at one of its own descendants, causes it.",
		Solution: "Break the cycle: one revision on it must point at a real ancestor (or None for the first revision).",
		Example: `
revision = "b2"
down_revision = "a1"  # an ancestor, never a descendant
`,
	},
	Run: func(p *lint.Pass) {
		for _, cycle := range p.Project.Graph.Cycles {
			revs := revisionsAt(p.Project, cycle)
			ids := make([]string, len(revs)+1)
			for i, r := range revs {
				ids[i] = r.ID
			}
			ids[len(revs)] = revs[0].ID
			first := revs[0]
			p.Report(first, at(first.DownRevisionSpan, first.IDSpan),
				fmt.Sprintf("down_revision forms a cycle: %s", arrowJoin(ids)),
				"point one revision of the cycle at a real ancestor, or at None for the first revision")
		}
	},
}

func arrowJoin(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " -> "
		}
		s += fmt.Sprintf("%q", id)
	}
	return s
}

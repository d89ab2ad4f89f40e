package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DuplicateBranchLabel reports a branch label declared by two revisions.
var DuplicateBranchLabel = &lint.Rule{
	ID: "ML107", Name: "duplicate-branch-label", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "two revisions declare the same branch label",
	Doc: lint.Doc{
		Problem: "A branch label must name one branch. When two revisions declare it, Alembic fails with " +
			"\"Branch name 'x' ... already used by revision\" and `alembic upgrade x@head` cannot work.",
		Solution: "Declare the label once, on the revision that starts the branch; descendants inherit it.",
		Example: `
# only the branch's first revision
revision = "a0b1c2d3e4f5"
down_revision = None
branch_labels = ("billing",)
`,
	},
	Run: func(p *lint.Pass) {
		g := p.Project.Graph
		seen := map[string]bool{}
		for i := range g.Nodes {
			for _, label := range g.Nodes[i].BranchLabels {
				owners := g.LabelOwners(label)
				if len(owners) < 2 || seen[label] {
					continue
				}
				seen[label] = true
				first := p.Project.RevisionAt(owners[0])
				for _, o := range owners[1:] {
					rev := p.Project.RevisionAt(o)
					p.Report(rev, at(rev.BranchLabelsSpan, rev.IDSpan),
						fmt.Sprintf("branch label %q is also declared by revision %q (%s)", label, first.ID, p.Project.Rel(first.File)),
						"remove the label here: descendants of the labelled revision inherit it")
				}
			}
		}
	},
}

package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/graph"
)

// maxListed is how many other revisions a message names before it
// counts the rest.
const maxListed = 5

// MultipleHeads reports heads that share a branch: the classic result of
// two pull requests that each add a revision on the same parent.
var MultipleHeads = &lint.Rule{
	ID: "ML101", Name: "multiple-heads", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "two revisions are heads of the same branch",
	Doc: lint.Doc{
		Problem: "Two revisions have no child on the same branch. `alembic upgrade head` then fails with " +
			"\"Multiple head revisions are present\", usually after two pull requests each added a revision on the " +
			"same parent and both were merged. Heads on separate labelled branches (branch_labels, joined with " +
			"depends_on) are intended and not reported.",
		Solution: "Point the newer revision's down_revision at the other head, or add a merge revision with " +
			"`alembic merge -m \"merge heads\" <head1> <head2>`.",
		Example: "# versions/7c1d2e3f4a5b_merge_heads.py, written by `alembic merge heads`\nrevision = \"7c1d2e3f4a5b\"\ndown_revision = (\"1a2b3c4d5e6f\", \"9e8d7c6b5a40\")\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n",
	},
	Run: func(p *lint.Pass) {
		if len(p.Project.Unplaced) > 0 {
			return // a computed down_revision may be the missing child (ML004)
		}
		g := p.Project.Graph
		mates := branchMates(g)
		for _, h := range g.Heads {
			// The heads on h's branch but h, the first maxListed+1
			// of them: enough to show and to know whether there are
			// more. Comparing each head with every other was
			// quadratic in the heads.
			all := mates(h)
			var others []int
			for _, o := range all {
				if o != h && len(others) <= maxListed {
					others = append(others, o)
				}
			}
			count := len(all) - 1
			if count == 0 {
				continue
			}
			rev := p.Project.RevisionAt(h)
			// Each head's message names the others: with many heads,
			// only the first few, or the messages grow as the square.
			shown, more := others, ""
			merge := "heads"
			if count > maxListed {
				shown, more = others[:maxListed], fmt.Sprintf(" and %d other heads", count-maxListed)
			} else {
				ids := []string{rev.ID}
				for _, r := range revisionsAt(p.Project, others) {
					ids = append(ids, r.ID)
				}
				merge = strings.Join(ids, " ")
			}
			p.Report(rev, at(rev.IDSpan),
				fmt.Sprintf("revision %q is a head on the same branch as %s%s: `alembic upgrade head` fails with \"Multiple head revisions are present\"",
					rev.ID, describeFiles(p.Project, revisionsAt(p.Project, shown)), more),
				fmt.Sprintf("rebase: set down_revision to the other head, or run `alembic merge -m \"merge heads\" %s`", merge))
		}
	},
}

// branchMates returns, for a head, the heads on its branch in g.Heads
// order, itself included: the heads g.SharesBranch pairs it with. Heads
// with the same labels have the same mates, so each set of labels is
// looked up once, through an index of the heads by label.
func branchMates(g *graph.Graph) func(h int) []int {
	byLabel := map[string][]int{}
	var unlabelled []int
	for _, h := range g.Heads {
		if len(g.Labels[h]) == 0 {
			unlabelled = append(unlabelled, h)
		}
		for _, l := range g.Labels[h] {
			byLabel[l] = append(byLabel[l], h)
		}
	}
	order := map[int]int{}
	for i, h := range g.Heads {
		order[h] = i
	}
	memo := map[string][]int{}
	return func(h int) []int {
		labels := g.Labels[h]
		if len(labels) == 0 {
			return unlabelled
		}
		key := strings.Join(labels, "\x00")
		if m, ok := memo[key]; ok {
			return m
		}
		seen := map[int]bool{}
		var m []int
		for _, l := range labels {
			for _, o := range byLabel[l] {
				if !seen[o] {
					seen[o] = true
					m = append(m, o)
				}
			}
		}
		slices.SortFunc(m, func(a, b int) int { return order[a] - order[b] })
		memo[key] = m
		return m
	}
}

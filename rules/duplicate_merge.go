package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DuplicateMerge reports two merge revisions over the same parents.
var DuplicateMerge = &lint.Rule{
	ID: "ML108", Name: "duplicate-merge", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "two merge revisions join the same parents",
	Doc: lint.Doc{
		Problem: "Two merge revisions have the same down_revisions. Both branches of a team ran `alembic merge " +
			"heads` at once; after both are merged the two merges are themselves two heads.",
		Solution: "Delete one of the merge revisions (they are empty) and point its children at the other.",
		Example: `
revision = "7c1d2e3f4a5b"
down_revision = ("1a2b3c4d5e6f", "9e8d7c6b5a40")  # the only merge of these two
`,
	},
	Run: func(p *lint.Pass) {
		g := p.Project.Graph
		byParents := map[string]int{}
		for _, m := range g.MergePoints {
			parents := slices.Clone(g.Nodes[m].Down)
			slices.Sort(parents)
			key := strings.Join(parents, "\x00")
			first, dup := byParents[key]
			if !dup {
				byParents[key] = m
				continue
			}
			rev, other := p.Project.RevisionAt(m), p.Project.RevisionAt(first)
			p.Report(rev, at(rev.DownRevisionSpan, rev.IDSpan),
				fmt.Sprintf("revision %q merges the same parents (%s) as revision %q (%s)", rev.ID, quoted(parents), other.ID, p.Project.Rel(other.File)),
				fmt.Sprintf("delete one of the two merges and point its children at the other (%q)", other.ID))
		}
	},
}

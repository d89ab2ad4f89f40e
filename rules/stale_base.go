package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// StaleBase reports a new revision that does not descend from the base
// branch's head: merging the change would create a second head.
var StaleBase = &lint.Rule{
	ID: "ML111", Name: "stale-base", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "new revision does not descend from the base branch's head",
	Doc: lint.Doc{
		Problem: "The pull request's first new revision points at a revision that is no longer the head of the " +
			"base branch: another pull request added a revision there since this branch was created. Each branch " +
			"passes on its own; after both are merged there are two heads and `alembic upgrade head` fails with " +
			"\"Multiple head revisions are present\". Only change-set mode (--base, or the GitHub Action) can see it.",
		Solution: "Rebase: set the first new revision's down_revision to the base branch's current head (and update the docstring's Revises: line).",
		Example: `
# the base branch's head is now 9e8d7c6b5a40
revision = "4b5c6d7e8f90"
down_revision = "9e8d7c6b5a40"
`,
	},
	Run: func(p *lint.Pass) {
		base := p.Project.Base
		if base == nil || len(base.Heads) == 0 {
			return
		}
		g := p.Project.Graph
		for _, rev := range p.Project.Targets() {
			node := p.Project.NodeOf(rev)
			if node < 0 || base.IDs[rev.ID] || !startsChain(rev, base) {
				continue
			}
			ancestors := g.Ancestors(node)
			var stale []string
			descends := false
			for _, head := range base.Heads {
				h, ok := g.Lookup(head)
				if !ok {
					// The head reached the base branch after this change
					// branched off: nothing here descends from it.
					if onBaseBranchOf(base, rev.DownRevisions, head) {
						stale = append(stale, head)
					}
					continue
				}
				if !g.SharesBranch(node, h) {
					continue
				}
				if ancestors[h] {
					descends = true
				} else {
					stale = append(stale, head)
				}
			}
			if descends || len(stale) == 0 {
				continue
			}
			p.Report(rev, at(rev.DownRevisionSpan, rev.IDSpan),
				fmt.Sprintf("revision %q builds on %s, but the base branch's head is now %s: merging this creates a second head",
					rev.ID, quoted(rev.DownRevisions), quoted(stale)),
				fmt.Sprintf("set down_revision = %q (and the docstring's Revises: line)", stale[0]))
		}
	},
}

// onBaseBranchOf reports whether a base head is on the branch of one of
// the parents, in the base branch's graph.
func onBaseBranchOf(base *lint.BaseBranch, parents []string, head string) bool {
	if base.Graph == nil {
		return false
	}
	h, ok := base.Graph.Lookup(head)
	if !ok {
		return false
	}
	for _, d := range parents {
		if n, ok := base.Graph.Lookup(d); ok && base.Graph.SharesBranch(n, h) {
			return true
		}
	}
	return false
}

// startsChain: every parent is on the base branch, so this is the first
// new revision of its chain (later ones follow it and are fine).
func startsChain(rev *lint.Revision, base *lint.BaseBranch) bool {
	for _, d := range rev.DownRevisions {
		if !base.IDs[d] {
			return false
		}
	}
	return len(rev.DownRevisions) > 0
}

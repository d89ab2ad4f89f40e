package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MultipleBases reports more than one unlabelled root.
var MultipleBases = &lint.Rule{
	ID: "ML106", Name: "multiple-bases", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "more than one unlabelled base revision",
	Doc: lint.Doc{
		Problem: "Several revisions have `down_revision = None` and no branch label. Alembic then sees several " +
			"independent histories; `alembic upgrade head` reports multiple heads and `downgrade base` is ambiguous. " +
			"It usually comes from a second `alembic revision` run in a fresh checkout, or a copied first revision. " +
			"A separate base is legitimate only for an intended independent branch, which must carry a branch label.",
		Solution: "Point the extra base at the current head, or give it a branch label if it starts an intended separate branch.",
		Example: `
revision = "c0ffee000001"
down_revision = None
branch_labels = ("audit",)  # a deliberate second base is labelled
`,
	},
	Run: func(p *lint.Pass) {
		g := p.Project.Graph
		var unlabelled []int
		for _, b := range g.Bases {
			if len(g.Labels[b]) == 0 {
				unlabelled = append(unlabelled, b)
			}
		}
		if len(unlabelled) < 2 {
			return
		}
		first := p.Project.RevisionAt(unlabelled[0])
		for _, b := range unlabelled[1:] {
			rev := p.Project.RevisionAt(b)
			p.Report(rev, at(rev.DownRevisionSpan, rev.IDSpan),
				fmt.Sprintf("revision %q is a second base (down_revision = None) besides %q (%s)", rev.ID, first.ID, p.Project.Rel(first.File)),
				"set down_revision to the revision this one follows, or add branch_labels if it starts a separate branch")
		}
	},
}

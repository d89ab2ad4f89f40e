package rules

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// EmptyMigration notes a revision that does nothing and is not a merge.
// It is opt-in: the accidental case, an autogenerate that found nothing,
// is ML509; the empty revisions left on the corpus were all deliberate
// (0 of 6 labelled true: branch starts, milestones, markers).
var EmptyMigration = &lint.Rule{
	ID: "ML506", Name: "empty-migration", Severity: lint.SeverityInfo, Since: "0.1.0", OptIn: true,
	Title: "revision does nothing (and is not a merge)",
	Doc: lint.Doc{
		Problem: "Both upgrade() and downgrade() are empty. Usually autogenerate found no change (often because " +
			"env.py does not see the models: ML701, ML706) and the file was committed anyway. Merge revisions are " +
			"empty by design and are not reported.",
		Solution: "Delete the revision and point its children at its parent, or write the operations it was meant to have.",
		Example: `
# versions/ with the empty revision deleted; its child now says
down_revision = "1a2b3c4d5e6f"
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		if !r.HasID || len(r.DownRevisions) > 1 || !r.Upgrade.Defined || !r.Upgrade.Empty || r.Downgrade.Defined && !r.Downgrade.Empty {
			return
		}
		// An empty base (the schema is created outside the history) and
		// a no-op whose body says why are deliberate.
		if len(r.DownRevisions) == 0 || explained(r, r.Upgrade.Span) {
			return
		}
		p.Report(r, r.Upgrade.Span, "upgrade() and downgrade() are empty: the revision does nothing",
			"delete it (pointing its children at its parent), or write the operations it was meant to have")
	},
}

// explained reports a function whose body carries a comment or a
// docstring: an empty revision kept on purpose (a milestone, a marker).
// Alembic's own "### commands auto generated" markers explain nothing.
func explained(r *lint.Revision, span lint.Span) bool {
	for line := span.Line + 1; line <= span.EndLine && line <= len(r.Lines); line++ {
		text := strings.TrimSpace(r.Lines[line-1])
		comment := strings.HasPrefix(text, "#") && !strings.HasPrefix(text, "###")
		docstring := strings.HasPrefix(text, `"""`) || strings.HasPrefix(text, "'''")
		if comment || docstring {
			return true
		}
	}
	return false
}

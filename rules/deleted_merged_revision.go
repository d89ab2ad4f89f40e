package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DeletedMergedRevision reports a revision of the base branch whose file
// the change deletes.
var DeletedMergedRevision = &lint.Rule{
	ID: "ML113", Name: "deleted-merged-revision", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "a revision that is already on the base branch was deleted",
	Doc: lint.Doc{
		Problem: "Databases that ran this revision record it in alembic_version. Once its file is gone, Alembic " +
			"cannot locate it: every upgrade and downgrade on those databases fails with \"Can't locate revision\".",
		Solution: "Restore the file. To undo its effect, add a new revision that reverses it; to squash history, keep the old revisions until every database has moved past them.",
		Example: `
# git checkout origin/main -- migrations/versions/1a2b3c4d5e6f_create_users.py
`,
	},
	Run: func(p *lint.Pass) {
		base := p.Project.Base
		if base == nil {
			return
		}
		for _, d := range base.Deleted {
			if _, still := p.Project.Graph.Lookup(d.ID); still || d.ID == "" {
				continue // moved or renamed: the revision still exists
			}
			p.ReportFile(d.File, d.ID, lint.LineSpan(1),
				fmt.Sprintf("revision %q is on the base branch and this change deletes its file: databases that ran it can no longer be upgraded", d.ID),
				"restore the file; undo its effect with a new revision instead")
		}
	},
}

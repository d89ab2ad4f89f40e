package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// EditedMergedRevision reports a change to a revision that is already on
// the base branch.
var EditedMergedRevision = &lint.Rule{
	ID: "ML112", Name: "edited-merged-revision", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "a revision that is already on the base branch was modified",
	Doc: lint.Doc{
		Problem: "Databases that already ran this revision will never run the edited version: Alembic only " +
			"compares revision ids. Production, staging and every developer's database silently diverge from a " +
			"fresh install. (Comments and docstrings are harmless to edit; this rule cannot tell.)",
		Solution: "Leave merged revisions as they are and put the change in a new revision.",
		Example: `
# a new revision instead of editing 1a2b3c4d5e6f
revision = "7f8e9d0c1b2a"
down_revision = "5e6f708192a3"

def upgrade():
    op.alter_column("users", "name", type_=sa.String(200), existing_type=sa.String(100))
`,
	},
	Run: func(p *lint.Pass) {
		base := p.Project.Base
		if base == nil {
			return
		}
		for _, rev := range p.Project.Targets() {
			if base.Modified[rev.File] && base.IDs[rev.ID] {
				p.Report(rev, at(rev.IDSpan), fmt.Sprintf("revision %q is already on the base branch: databases that ran it will not run this edit", rev.ID),
					"revert the edit and put the change in a new revision")
			}
		}
	},
}

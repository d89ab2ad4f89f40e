package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RevisionNotInGit reports, in change-set mode, revision files that git
// does not track: a clean checkout (CI, a colleague, production) will not
// have them.
var RevisionNotInGit = &lint.Rule{
	ID: "ML116", Name: "revision-not-in-git", Severity: lint.SeverityWarning, Since: "0.2.0", Project: true,
	Title: "a revision file is not in git (untracked, or ignored by .gitignore)",
	Doc: lint.Doc{
		Problem: "With --base, migrate-lint lints the working tree, which may hold revision files that git does not " +
			"track: never added, or matched by a .gitignore rule (a `versions/` or `*.py` pattern meant for something " +
			"else). They work on the laptop that has them; a clean checkout in CI or production lacks them, so its " +
			"history has a missing revision (\"Can't locate revision\") or a child without its parent.",
		Solution: "`git add` the file. When it is ignored, fix the .gitignore rule (`git check-ignore -v FILE` names it) or add it with `git add -f`.",
		Example: `
# .gitignore: ignore compiled files, not the revisions
__pycache__/
*.pyc
`,
	},
	Run: func(p *lint.Pass) {
		if p.Project.Base == nil {
			return
		}
		for _, r := range p.Project.Revisions {
			why, ok := p.Project.Base.NotInGit[r.File]
			if !ok {
				continue
			}
			if why == "ignored" {
				p.Report(r, at(r.IDSpan), fmt.Sprintf("%s is ignored by .gitignore: git add skips it and a clean checkout will not have this revision", p.Project.Rel(r.File)),
					"fix the .gitignore rule (git check-ignore -v names it), or add the file with git add -f")
				continue
			}
			p.Report(r, at(r.IDSpan), fmt.Sprintf("%s is not in git (untracked): a clean checkout in CI or production will not have this revision", p.Project.Rel(r.File)),
				"git add the file")
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingDownRevision reports a down_revision that no file declares.
var MissingDownRevision = &lint.Rule{
	ID: "ML102", Name: "missing-down-revision", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "down_revision names a revision that does not exist",
	Doc: lint.Doc{
		Problem: "The revision's parent is not in any version location. Alembic refuses to build the revision map " +
			"(\"Revision X referenced from Y is not present\"), so every command fails. It happens when a parent " +
			"file was deleted or renamed, when an id was mistyped, or when a branch was rebased without updating down_revision.",
		Solution: "Set down_revision to the id of the intended parent (`alembic heads` on the target branch shows it), or restore the missing file.",
		Example: `
revision = "9e8d7c6b5a40"
down_revision = "1a2b3c4d5e6f"  # an id that exists in versions/
`,
	},
	Run: func(p *lint.Pass) {
		if len(p.Project.Unplaced) > 0 {
			return // a computed revision id may be the missing parent (ML004)
		}
		for _, m := range p.Project.Graph.MissingDown {
			rev := p.Project.RevisionAt(m.Node)
			p.Report(rev, at(rev.DownRevisionSpan, rev.IDSpan),
				fmt.Sprintf("down_revision %q of revision %q is not declared by any revision file", m.ID, rev.ID),
				"set down_revision to an existing revision id (see `migrate-lint graph`), or restore the missing file")
		}
	},
}

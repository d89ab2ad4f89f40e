package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingDependency reports a depends_on entry that names neither a
// revision nor a branch label.
var MissingDependency = &lint.Rule{
	ID: "ML103", Name: "missing-dependency", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "depends_on names a revision or branch label that does not exist",
	Doc: lint.Doc{
		Problem: "`depends_on` lists a revision id or branch label that no revision file declares. Alembic fails to " +
			"resolve the dependency when it builds the revision map.",
		Solution: "Name an existing revision id or branch label, or remove the entry.",
		Example: `
revision = "4b5c6d7e8f90"
down_revision = "3a4b5c6d7e8f"
depends_on = ("2f3e4d5c6b7a",)  # an existing revision id or branch label
`,
	},
	Run: func(p *lint.Pass) {
		for _, m := range p.Project.Graph.MissingDeps {
			rev := p.Project.RevisionAt(m.Node)
			p.Report(rev, at(rev.DependsOnSpan, rev.IDSpan),
				fmt.Sprintf("depends_on %q of revision %q names no revision id or branch label", m.ID, rev.ID),
				"name an existing revision id or branch label in depends_on, or remove it")
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DuplicateRevision reports two files that declare the same id.
var DuplicateRevision = &lint.Rule{
	ID: "ML104", Name: "duplicate-revision", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "two files declare the same revision id",
	Doc: lint.Doc{
		Problem: "Two revision files have the same `revision`. Alembic keeps one of them and warns, so the other " +
			"file's operations silently never run; which one wins depends on file order. A copied revision file " +
			"whose id was not changed is the usual cause.",
		Solution: "Give the newer file a fresh id (`alembic revision` generates one) and point its children at it.",
		Example: `
revision = "5d6e7f8a9b0c"  # fresh id, e.g. uuid.uuid4().hex[-12:]
down_revision = "4c5d6e7f8a9b"
`,
	},
	Run: func(p *lint.Pass) {
		for _, nodes := range p.Project.Graph.Duplicates {
			revs := revisionsAt(p.Project, nodes)
			for _, rev := range revs[1:] {
				p.Report(rev, at(rev.IDSpan),
					fmt.Sprintf("revision id %q is also declared in %s: Alembic keeps only one of the files", rev.ID, p.Project.Rel(revs[0].File)),
					"give this revision a new id (a fresh `alembic revision` shows the format) and update its children's down_revision")
			}
		}
	},
}

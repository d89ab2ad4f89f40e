package rules

import "github.com/migrate-lint/migrate-lint/lint"

// NotARevision reports .py files in a versions location without a
// revision variable.
var NotARevision = &lint.Rule{
	ID: "ML110", Name: "not-a-revision", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "a .py file in a version location declares no revision",
	Doc: lint.Doc{
		Problem: "Alembic imports every .py file in the version locations as a revision. A helper module or a " +
			"leftover file without `revision` makes Alembic warn (\"Could not determine revision id\") and skip it, " +
			"and importing it may have side effects.",
		Solution: "Move helper modules out of the versions directory (or into a package next to env.py), or delete the file.",
		Example: `
# migrations/helpers.py (beside env.py, not in versions/)
def batch_update(conn, table, column, value):
    ...
`,
	},
	Run: func(p *lint.Pass) {
		if p.Revision.HasID || len(p.Revision.SyntaxErrors) > 0 && len(p.Revision.Lines) == 0 {
			return
		}
		p.Report(p.Revision, lint.LineSpan(1),
			"file has no `revision = ...` assignment: Alembic skips it with a warning",
			"move helper modules out of the versions directory, or add the revision metadata")
	},
}

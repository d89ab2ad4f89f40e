package rules

import "github.com/migrate-lint/migrate-lint/lint"

// SyntaxError reports files Python cannot parse. The revision metadata is
// still read where it can be, so the graph stays whole.
var SyntaxError = &lint.Rule{
	ID: "ML001", Name: "syntax-error", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "revision file is not valid Python 3",
	Doc: lint.Doc{
		Problem: "The file does not parse as Python 3. Alembic imports every revision file when it builds the " +
			"revision map, so one unparsable file makes every `alembic` command fail, not only the upgrade that " +
			"reaches it. Histories that started on Python 2 often still hold `print \"...\"` statements or `except X, e:`.",
		Solution: "Fix the syntax at the reported position. For a Python 2 file, port the statement to Python 3; " +
			"the migration's operations do not change.",
		Example: `
def upgrade():
    print("adding the email column")  # was: print "adding ..."
    op.add_column("users", sa.Column("email", sa.String(255), nullable=True))
`,
	},
	Run: func(p *lint.Pass) {
		python2 := python2Project(p.Project)
		for _, e := range p.Revision.SyntaxErrors {
			if e.Python2 && python2 {
				continue // the project runs on Python 2: its revisions are right for it
			}
			p.Report(p.Revision, e.Span, e.Message, "fix the syntax: Alembic imports every revision file, so this one breaks every alembic command")
		}
	},
}

// python2Project reports a project whose revisions are written for
// Python 2: several of them use Python 2 statements. Alembic imports every
// revision file, so a Python 3 project could not run a single command with
// even one of them: the project runs on Python 2, its history is right
// for it, and Python 2 syntax is not reported file by file (other syntax
// errors still are).
func python2Project(p *lint.Project) bool {
	return lint.Derived(p, python2Key{}, func() bool { return countsPython2(p) })
}

// python2Key keys python2Project's answer (lint.Derived).
type python2Key struct{}

func countsPython2(p *lint.Project) bool {
	python2 := 0
	for _, r := range p.Targets() {
		for _, e := range r.SyntaxErrors {
			if e.Python2 {
				python2++
				break
			}
		}
	}
	return python2 >= minPython2Revisions
}

// minPython2Revisions is how many Python 2 revision files show a Python 2
// project rather than one mistaken file.
const minPython2Revisions = 3

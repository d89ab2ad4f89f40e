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
		for _, e := range p.Revision.SyntaxErrors {
			p.Report(p.Revision, e.Span, e.Message, "fix the syntax: Alembic imports every revision file, so this one breaks every alembic command")
		}
	},
}

package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// SQLSyntaxError reports literal SQL the dialect's parser rejects.
var SQLSyntaxError = &lint.Rule{
	ID: "ML505", Name: "sql-syntax-error", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "literal SQL that the dialect's parser rejects",
	Doc: lint.Doc{
		Problem: "The SQL in op.execute()/sa.text() does not parse with the database's own grammar (PostgreSQL's " +
			"parser, or the MySQL grammar of the TiDB parser): the upgrade will fail when it reaches it, after the " +
			"operations before it ran. Other rules cannot look into it either.",
		Solution: "Fix the SQL; check that the dialect is the one the project runs on (--dialect, or sqlalchemy.url).",
		Example: `
def upgrade():
    op.execute("ALTER TABLE users ADD COLUMN nickname varchar(50)")
`,
	},
	Run: func(p *lint.Pass) {
		for _, e := range p.Ops().SQLErrors {
			p.Report(p.Revision, e.Span, fmt.Sprintf("%s SQL does not parse: %s", p.Dialect(), oneLine(e.Message, maxQuoted)),
				"fix the statement; if the dialect is wrong, set --dialect or sqlalchemy.url")
		}
	},
}

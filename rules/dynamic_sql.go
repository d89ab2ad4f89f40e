package rules

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// DynamicSQL notes SQL built at run time, which the rules cannot check.
var DynamicSQL = &lint.Rule{
	ID: "ML504", Name: "dynamic-sql", Severity: lint.SeverityInfo, Since: "0.1.0",
	Title: "SQL built at run time (f-string, %, .format, concatenation)",
	Doc: lint.Doc{
		Problem: "SQL assembled with an f-string, % formatting, .format() or + cannot be checked by migrate-lint " +
			"(it does not guess), and values pasted into SQL are an injection risk when they come from data.",
		Solution: "Use a literal SQL string with bound parameters (sa.text(...).bindparams(...)), or Alembic operations.",
		Example: `
def upgrade():
    op.execute(sa.text("UPDATE users SET plan = :plan WHERE plan IS NULL").bindparams(plan="free"))
`,
	},
	Run: func(p *lint.Pass) {
		for _, c := range p.Ops().DynamicSQL {
			p.Report(p.Revision, c.Span, "SQL built at run time cannot be checked: the rules did not look into this statement",
				"use a literal SQL string with bound parameters, e.g. sa.text(\"... :value\").bindparams(value=...)")
		}
	},
}

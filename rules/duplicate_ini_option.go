package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DuplicateINIOption reports an alembic.ini that configparser refuses to
// read because it gives an option, or a section, twice.
var DuplicateINIOption = &lint.Rule{
	ID: "ML713", Name: "duplicate-ini-option", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "alembic.ini gives an option or a section twice",
	Doc: lint.Doc{
		Problem: "Alembic reads alembic.ini with Python's configparser in its strict mode, which refuses a file " +
			"that sets the same option twice in a section (DuplicateOptionError) or has the same section twice " +
			"(DuplicateSectionError). Every alembic command then fails before it starts. It usually comes from a " +
			"merge that kept both sides of a changed line.",
		Solution: "Keep one of the two lines (or merge the two sections into one).",
		Example: `
[alembic]
script_location = %(here)s/migrations
# one sqlalchemy.url: the merge kept both sides before
sqlalchemy.url = postgresql://app@db/app
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil {
			return
		}
		for _, d := range cfg.Duplicates {
			if d.Key == "" {
				p.ReportFile(d.File, "", d.Span,
					fmt.Sprintf("section [%s] appears again (first on line %d): configparser refuses the file (DuplicateSectionError), so every alembic command fails", d.Section, d.First),
					"merge the two sections into one")
				continue
			}
			p.ReportFile(d.File, "", d.Span,
				fmt.Sprintf("%s is set again in [%s] (first on line %d): configparser refuses the file (DuplicateOptionError), so every alembic command fails", d.Key, d.Section, d.First),
				"keep one of the two lines")
		}
	},
}

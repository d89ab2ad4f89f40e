package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// UnescapedPercent reports a % that configparser will try to interpolate.
var UnescapedPercent = &lint.Rule{
	ID: "ML703", Name: "unescaped-percent", Severity: lint.SeverityError, Since: "0.1.0", Project: true,
	Title: "a % in alembic.ini that configparser will try to interpolate",
	Doc: lint.Doc{
		Problem: "Alembic reads alembic.ini with configparser's interpolation, where `%(name)s` names another " +
			"option and a lone `%` is an error. A URL-encoded password (`p%40ss` for `p@ss`) makes every command " +
			"fail with `ValueError: invalid interpolation syntax`. A `%(name)s` that names no option, and references " +
			"that loop or nest more than ten deep, fail the same way.",
		Solution: "Write every literal % as %% in alembic.ini, or better, keep the URL out of the file and set it in env.py from an environment variable.",
		Example: `
# alembic.ini
# %% is a literal % (configparser has no inline comments: keep notes on their own line)
sqlalchemy.url = postgresql://app:p%%40ss@db/app

# or, env.py
config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"].replace("%", "%%"))
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil {
			return
		}
		for _, s := range cfg.Settings {
			if s.InterpolationError == "" {
				continue
			}
			if !strings.Contains(s.InterpolationError, "lone %") {
				// A %(name)s that names no option, is malformed, loops or
				// expands without end: configparser fails on it as well.
				_, problem, _ := strings.Cut(s.InterpolationError, s.Key+": ")
				if strings.Contains(s.Raw, "://") {
					problem = "a %(name)s reference it cannot resolve" // never quote a URL: it may hold a password
				}
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s cannot be interpolated (%s): Alembic fails when it reads the option", s.Key, problem),
					"make every %(name)s name an option of the section or [DEFAULT], and write a literal % as %%")
				continue
			}
			msg := fmt.Sprintf("%s contains a %% that configparser reads as interpolation: Alembic fails with \"invalid interpolation syntax\"", s.Key)
			if strings.Contains(s.Raw, "://") {
				msg = fmt.Sprintf("%s %s contains a %% that configparser reads as interpolation: Alembic fails with \"invalid interpolation syntax\"", s.Key, lint.MaskURL(s.Raw))
			}
			p.ReportFile(s.File, "", s.Span, msg, "write every literal % as %% (a URL-encoded @ becomes %%40)")
		}
	},
}

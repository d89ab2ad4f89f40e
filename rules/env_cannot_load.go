package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// EnvCannotLoad reports an env.py that Alembic cannot load: a syntax
// error, or an import of the project's package that Alembic's sys.path
// does not reach.
var EnvCannotLoad = &lint.Rule{
	ID: "ML707", Name: "env-cannot-load", Severity: lint.SeverityError, Since: "0.2.0", Project: true,
	Title: "env.py cannot load: a syntax error, or an import of the project that is not on Alembic's path",
	Doc: lint.Doc{
		Problem: "Every Alembic command runs env.py first. A syntax error there stops all of them. So does importing " +
			"the project's own package when Alembic cannot find it: the `alembic` command puts its own directory on " +
			"sys.path, not the directory it runs in, so `from myapp.db import Base` fails with ModuleNotFoundError unless " +
			"alembic.ini's `prepend_sys_path` (the template's `prepend_sys_path = .`) or an installed package makes " +
			"myapp importable.",
		Solution: "Fix the syntax error. For the import, add `prepend_sys_path = .` (or the directory holding the package) to [alembic] in alembic.ini, or install the project into the environment (pip install -e .).",
		Example: `
# alembic.ini
[alembic]
script_location = %(here)s/migrations
prepend_sys_path = .
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Env == nil {
			return
		}
		env := cfg.Env
		for _, e := range env.SyntaxErrors {
			p.ReportFile(env.File, "", e.Span,
				fmt.Sprintf("env.py does not parse (%s): every Alembic command fails before it starts", e.Message),
				"fix the syntax error; python -m py_compile env.py shows Python's own message")
			return
		}
		for _, u := range env.Unimportable {
			p.ReportFile(env.File, "", u.Span,
				fmt.Sprintf("env.py imports %s, which lives in %s, but neither prepend_sys_path nor a sys.path change puts that directory on Alembic's path: `alembic` fails with ModuleNotFoundError: No module named '%s'", u.Package, p.Project.Rel(u.Dir), u.Package),
				fmt.Sprintf("add `prepend_sys_path = %s` to [alembic] in alembic.ini, or install the project (pip install -e .)", prependValue(p.Project, u.Dir)))
		}
	},
}

// prependValue is what prepend_sys_path should say to reach dir.
func prependValue(p *lint.Project, dir string) string {
	rel := p.Rel(dir)
	if rel == "." {
		return "."
	}
	if rel == dir {
		return dir
	}
	return "%(here)s/" + rel
}

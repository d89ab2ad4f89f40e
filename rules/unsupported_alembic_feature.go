package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// alembicFeature is configuration that only newer Alembic releases read.
type alembicFeature struct {
	since lint.Version
	what  string
	// effect says what the pinned, older Alembic does instead.
	effect string
	match  func(s lint.Setting) bool
}

var alembicFeatures = []alembicFeature{
	{lint.MustVersion("1.16.0"), "[tool.alembic] in pyproject.toml", "ignores the table and finds no script_location there",
		func(s lint.Setting) bool { return s.Section == "tool.alembic" && s.Key == "script_location" }},
	{lint.MustVersion("1.16.0"), "path_separator", "ignores it and splits version_locations and prepend_sys_path on spaces and commas",
		func(s lint.Setting) bool { return s.Section == "alembic" && s.Key == "path_separator" }},
	{lint.MustVersion("1.10.0"), "recursive_version_locations", "ignores it and never finds revisions in subdirectories of the version locations",
		func(s lint.Setting) bool { return s.Key == "recursive_version_locations" }},
	{lint.MustVersion("1.12.0"), "post-write hooks of type = exec", "fails `alembic revision` with \"No formatter with name 'exec' registered\"",
		func(s lint.Setting) bool { return isHookType(s, "exec") }},
	{lint.MustVersion("1.16.3"), "post-write hooks of type = module", "fails `alembic revision` with \"No formatter with name 'module' registered\"",
		func(s lint.Setting) bool { return isHookType(s, "module") }},
}

func isHookType(s lint.Setting, kind string) bool {
	return (s.Section == "post_write_hooks" || s.Section == "tool.alembic") && len(s.Key) > 5 && s.Key[len(s.Key)-5:] == ".type" && s.Raw == kind
}

// UnsupportedAlembicFeature reports configuration that the Alembic version
// the project pins does not read.
var UnsupportedAlembicFeature = &lint.Rule{
	ID: "ML712", Name: "unsupported-alembic-feature", Severity: lint.SeverityError, Since: "0.2.0", Project: true,
	Title: "configuration that the Alembic version the project pins does not support",
	Doc: lint.Doc{
		Problem: "Guides and `alembic init` templates follow the newest Alembic, while the project's requirement or " +
			"lock file may install an older one. Alembic ignores settings it does not know: `[tool.alembic]` in " +
			"pyproject.toml needs 1.16, `path_separator` 1.16, `recursive_version_locations` 1.10, post-write hooks of " +
			"`type = exec` 1.12 and of `type = module` 1.16.3. With an older Alembic the configuration silently means " +
			"something else, or `alembic revision` fails.",
		Solution: "Raise the Alembic requirement (and the lock) to the release that introduced the setting, or write the configuration the pinned release understands.",
		Example: `
# requirements.txt
alembic>=1.16.3

# pyproject.toml
[tool.alembic]
script_location = "%(here)s/migrations"
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.AlembicPin == nil {
			return
		}
		pin := cfg.AlembicPin
		for _, s := range cfg.Settings {
			for _, f := range alembicFeatures {
				if !f.match(s) || pin.Allows(f.since) {
					continue
				}
				p.ReportFile(s.File, "", s.Span,
					fmt.Sprintf("%s needs Alembic %s or later, but %s pins %s: that Alembic %s", f.what, f.since, p.Project.Rel(pin.File), pin.Text, f.effect),
					fmt.Sprintf("require alembic>=%s in %s, or configure this the way the pinned release reads", f.since, p.Project.Rel(pin.File)))
			}
		}
	},
}

package rules

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TemplateURL reports alembic.ini still holding `alembic init`'s example
// URL while nothing else gives Alembic one.
var TemplateURL = &lint.Rule{
	ID: "ML710", Name: "template-url", Severity: lint.SeverityError, Since: "0.2.0", Project: true,
	Title: "sqlalchemy.url is still the template's driver://user:pass@localhost/dbname",
	Doc: lint.Doc{
		Problem: "`alembic init` writes `sqlalchemy.url = driver://user:pass@localhost/dbname` as an example. When env.py " +
			"builds its engine from that setting and nothing replaces it (no set_main_option, no create_engine of its own, " +
			"no program that sets the URL on the Config), every online command fails with " +
			"\"Can't load plugin: sqlalchemy.dialects:driver\".",
		Solution: "Put the real URL in, without a password (ML704), or better set it in env.py from an environment variable.",
		Example: `
# alembic.ini
sqlalchemy.url = postgresql+psycopg2://app@localhost/app

# env.py
import os
if os.environ.get("DATABASE_URL"):
    config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"].replace("%", "%%"))
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil || cfg.Env == nil || cfg.Env.SetsURL || cfg.Env.ProjectSetsURL {
			return
		}
		for _, s := range cfg.Settings {
			if s.Key == "sqlalchemy.url" && strings.HasPrefix(strings.TrimSpace(s.Raw), "driver://") {
				p.ReportFile(s.File, "", s.Span,
					"sqlalchemy.url is still the template's driver://user:pass@localhost/dbname and env.py sets no other: every command fails with \"Can't load plugin: sqlalchemy.dialects:driver\"",
					"write the real URL (without a password), or set it in env.py from an environment variable")
			}
		}
	},
}

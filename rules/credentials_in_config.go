package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// CredentialsInConfig reports a password written into a committed
// configuration file. The message shows the URL masked, never the secret.
var CredentialsInConfig = &lint.Rule{
	ID: "ML704", Name: "credentials-in-config", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "a database password is written into alembic.ini or pyproject.toml",
	Doc: lint.Doc{
		Problem: "sqlalchemy.url carries a password in a file that is committed. Everyone with read access to " +
			"the repository, its forks and its CI logs has the database password, and rotating it means a commit.",
		Solution: "Leave the password out of the file and set the URL in env.py from an environment variable or a secret store.",
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
		if cfg == nil {
			return
		}
		for _, s := range databaseURLs(cfg) {
			_, user, password, rest, has := lint.SplitURL(s.Raw)
			if !has || isPlaceholder(user, password, rest) {
				continue
			}
			p.ReportFile(s.File, "", s.Span,
				fmt.Sprintf("%s holds a password (%s): it is readable by everyone with the repository", s.Key, lint.MaskURL(s.Raw)),
				"remove the password from the file and set the URL in env.py from an environment variable such as DATABASE_URL")
		}
	},
}

// isPlaceholder recognises Alembic's template URL and passwords that are
// interpolated or substituted rather than written.
func isPlaceholder(user, password, rest string) bool {
	if user == "user" && password == "pass" && strings.HasPrefix(rest, "localhost/dbname") {
		return true
	}
	return strings.HasPrefix(password, "%(") || strings.HasPrefix(password, "${") || strings.HasPrefix(password, "$") ||
		strings.HasPrefix(password, "{") || strings.Trim(password, "*xX") == ""
}

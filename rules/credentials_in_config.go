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
	Title: "a database password is written into alembic.ini, pyproject.toml, env.py or the settings env.py reads",
	Doc: lint.Doc{
		Problem: "A database URL with a password is written into a committed file: sqlalchemy.url in alembic.ini, a " +
			"literal in env.py, the settings module env.py takes the URL from, or the default of an os.getenv() that " +
			"applies whenever the variable is unset. Everyone with read access to the repository, its forks and its CI " +
			"logs has the database password, and rotating it means a commit.",
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
		for _, u := range databaseURLSources(cfg) {
			if u.Dynamic {
				continue // the password is interpolated, not written
			}
			_, user, password, rest, has := lint.SplitURL(u.Raw)
			if !has || isPlaceholder(user, password, rest) || onThisMachine(rest) {
				continue
			}
			where := u.Name
			if u.InCode {
				where = u.describe(p.Project)
			}
			p.ReportFile(u.File, "", u.Span,
				fmt.Sprintf("%s holds a password (%s): it is readable by everyone with the repository", where, lint.MaskURL(u.Raw)),
				"remove the password from the file and read the URL from an environment variable such as DATABASE_URL, without a default that holds one")
		}
	},
}

// onThisMachine reports a URL whose host is the developer's own machine:
// its password guards a local development database, not production (the
// corpus's one finding of this kind was labelled false).
func onThisMachine(rest string) bool {
	host := rest
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	if strings.HasPrefix(host, "[") {
		host, _, _ = strings.Cut(strings.TrimPrefix(host, "["), "]")
	} else {
		host, _, _ = strings.Cut(host, ":")
	}
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
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

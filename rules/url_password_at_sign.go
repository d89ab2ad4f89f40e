package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// URLPasswordAtSign reports a raw @ in a URL's password, where SQLAlchemy
// ends the password.
var URLPasswordAtSign = &lint.Rule{
	ID: "ML711", Name: "url-password-at-sign", Severity: lint.SeverityError, Since: "0.2.0", Project: true,
	Title: "a raw @ in the database URL's password: SQLAlchemy splits the URL at it",
	Doc: lint.Doc{
		Problem: "SQLAlchemy 1.4 and later read a URL's password up to the first `@`. In `postgresql://app:p@ss@db/app` " +
			"the password becomes `p` and the host `ss@db`, so every command fails to resolve that host or to log in. " +
			"(SQLAlchemy reads `#`, `/`, `?` and `:` in a password as they are; only `@` ends it. Any `%` followed by " +
			"two hex digits is decoded.)",
		Solution: "Percent-encode the password: `@` is `%40` (in alembic.ini write `%%40`, since configparser reads `%`), " +
			"as urllib.parse.quote_plus(password) does, or build the URL with sqlalchemy.URL.create(password=...).",
		Example: `
# alembic.ini
# %% is a literal % for configparser, and %40 is @ for SQLAlchemy
sqlalchemy.url = postgresql://app:p%%40ss@db/app

# env.py
from urllib.parse import quote_plus
import os
password = quote_plus(os.environ["DB_PASSWORD"])
config.set_main_option("sqlalchemy.url", f"postgresql://app:{password}@db/app".replace("%", "%%"))
`,
	},
	Run: func(p *lint.Pass) {
		cfg := p.Project.Setup
		if cfg == nil {
			return
		}
		for _, u := range databaseURLSources(cfg) {
			if u.Dynamic {
				continue
			}
			_, after, ok := strings.Cut(strings.TrimSpace(u.Raw), "://")
			first := strings.IndexByte(after, '@')
			if !ok || first < 0 || strings.Count(after[:strings.LastIndexByte(after, '@')+1], "@") < 2 {
				continue
			}
			userinfo := after[:first]
			if !strings.Contains(userinfo, ":") {
				continue // the @ is in the user name, which [^:/]* does not take either way
			}
			// SQLAlchemy's host is what follows the first @: the rest of
			// the password, an @ and the real host. Only the real host is
			// shown.
			rest := after[first+1:]
			rest = rest[:strings.IndexAny(rest+"/", "/?")]
			realHost := rest[strings.LastIndexByte(rest, '@')+1:]
			realHost, _, _ = strings.Cut(realHost, ":")
			p.ReportFile(u.File, "", u.Span,
				fmt.Sprintf("the password in %s holds a raw @: SQLAlchemy ends the password at the first @ and tries to connect to the host \"<rest of the password>@%s\"", u.describe(p.Project), realHost),
				"percent-encode the password (@ is %40; in alembic.ini write %%40), e.g. with urllib.parse.quote_plus")
		}
	},
}

package rules

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// databaseURLs returns the settings that hold a SQLAlchemy URL.
func databaseURLs(cfg *lint.ProjectConfig) []lint.Setting {
	var out []lint.Setting
	for _, s := range cfg.Settings {
		if strings.Contains(s.Raw, "://") && (s.Key == "sqlalchemy.url" || strings.HasSuffix(s.Key, ".url") || strings.HasSuffix(s.Key, "_url") || s.Key == "url") {
			out = append(out, s)
		}
	}
	return out
}

// urlParts splits scheme://user:password@host/db without url.Parse's
// strictness: real passwords contain characters url.Parse rejects.
func urlParts(raw string) (scheme, user, password, rest string, hasPassword bool) {
	scheme, after, ok := strings.Cut(strings.TrimSpace(raw), "://")
	if !ok {
		return "", "", "", raw, false
	}
	at := strings.LastIndex(after, "@")
	if at < 0 {
		return scheme, "", "", after, false
	}
	userinfo, rest := after[:at], after[at+1:]
	user, password, hasPassword = strings.Cut(userinfo, ":")
	return scheme, user, password, rest, hasPassword && password != ""
}

// maskedURL shows a URL with its password replaced, never the secret.
func maskedURL(raw string) string {
	scheme, user, _, rest, hasPassword := urlParts(raw)
	if !hasPassword {
		return raw
	}
	return scheme + "://" + user + ":***@" + rest
}

// driverOf returns the DBAPI driver named in the URL scheme, "" for the
// dialect's default.
func driverOf(raw string) (dialect, driver string) {
	scheme, _, _, _, _ := urlParts(raw)
	dialect, driver, _ = strings.Cut(strings.ToLower(scheme), "+")
	return dialect, driver
}

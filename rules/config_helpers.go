package rules

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// databaseURLs returns the settings that hold a SQLAlchemy URL.
func databaseURLs(cfg *lint.Setup) []lint.Setting {
	var out []lint.Setting
	for _, s := range cfg.Settings {
		if strings.Contains(s.Raw, "://") && (s.Key == "sqlalchemy.url" || strings.HasSuffix(s.Key, ".url") || strings.HasSuffix(s.Key, "_url") || s.Key == "url") {
			out = append(out, s)
		}
	}
	return out
}

// driverOf returns the DBAPI driver named in the URL scheme, "" for the
// dialect's default.
func driverOf(raw string) (dialect, driver string) {
	scheme, _, _, _, _ := lint.SplitURL(raw)
	dialect, driver, _ = strings.Cut(strings.ToLower(scheme), "+")
	return dialect, driver
}

package rules

import (
	"fmt"
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

// urlSource is a database URL Alembic may use: a setting of alembic.ini or
// pyproject.toml, or a literal in env.py or in the module env.py reads the
// URL from.
type urlSource struct {
	File string
	Span lint.Span
	// Name is the setting's key, or how env.py reaches the value
	// ("settings.DATABASE_URL").
	Name string
	Raw  string
	// Dynamic: an f-string; only its scheme is reliable. Fallback: a
	// default used when the environment does not say.
	Dynamic, Fallback, InCode bool
}

// databaseURLSources lists the ini's URL settings and env.py's URLs in
// code, each place once.
func databaseURLSources(cfg *lint.Setup) []urlSource {
	var out []urlSource
	seen := map[string]bool{}
	for _, s := range databaseURLs(cfg) {
		out = append(out, urlSource{File: s.File, Span: s.Span, Name: s.Key, Raw: s.Raw})
	}
	for _, u := range cfg.URLs {
		key := fmt.Sprintf("%s:%d:%d", u.File, u.Span.Line, u.Span.Column)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, urlSource{File: u.File, Span: u.Span, Name: u.Via, Raw: u.Raw, Dynamic: u.Dynamic, Fallback: u.Fallback, InCode: true})
	}
	return out
}

// describe names where a URL is, for messages: `sqlalchemy.url`, or
// `settings.DATABASE_URL (default in app/config.py)`.
func (u urlSource) describe(p *lint.Project) string {
	if !u.InCode {
		return u.Name
	}
	how := "set"
	if u.Fallback {
		how = "default"
	}
	if u.Name == "" {
		if u.Fallback {
			return fmt.Sprintf("the default URL in %s", p.Rel(u.File))
		}
		return fmt.Sprintf("the URL written in %s", p.Rel(u.File))
	}
	return fmt.Sprintf("the URL env.py takes from %s (%s in %s)", u.Name, how, p.Rel(u.File))
}

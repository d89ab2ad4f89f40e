package load

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// effectiveConfig merges the flags over the settings file and decides the
// dialect: flag, then settings, then sqlalchemy.url, then PostgreSQL with
// a notice. This is the one place the dialect is decided.
func effectiveConfig(req Request, s *settings.File, layout *alembic.Layout, res *Result) (lint.Config, error) {
	flags := req.Flags
	cfg := lint.Config{
		Select:           append(append([]string{}, s.Select...), flags.Select...),
		Ignore:           append(append([]string{}, s.Ignore...), flags.Ignore...),
		FailLevel:        lint.SeverityError,
		LockTimeoutInEnv: s.LockTimeoutInEnv,
		Baseline:         s.Baseline,
		Severity:         map[string]lint.Severity{},
	}
	if len(flags.Select) > 0 {
		cfg.Select = flags.Select // a --select on the command line replaces the file's
	}
	if level := firstNonEmpty(flags.FailLevel, s.FailLevel); level != "" {
		sev, err := lint.ParseSeverity(level)
		if err != nil {
			return cfg, fmt.Errorf("fail-level: %w", err)
		}
		cfg.FailLevel = sev
	}
	for sel, level := range s.Severity {
		sev, err := lint.ParseSeverity(level)
		if err != nil {
			return cfg, fmt.Errorf("%s: [severity] %s: %w", s.Path, sel, err)
		}
		cfg.Severity[sel] = sev
	}
	if req.Registry != nil {
		for _, list := range [][]string{cfg.Select, cfg.Ignore} {
			if err := req.Registry.ValidateSelectors(list); err != nil {
				return cfg, err
			}
		}
		for sel := range cfg.Severity {
			if err := req.Registry.ValidateSelectors([]string{sel}); err != nil {
				return cfg, fmt.Errorf("%s: [severity]: %w", s.Path, err)
			}
		}
	}
	version, err := lint.ParseVersion(firstNonEmpty(flags.TargetVersion, s.TargetVersionString()))
	if err != nil {
		return cfg, fmt.Errorf("target-version: %w", err)
	}
	cfg.TargetVersion = version

	switch name := firstNonEmpty(flags.Dialect, s.Dialect); {
	case name != "":
		d, err := lint.ParseDialect(name)
		if err != nil {
			return cfg, err
		}
		cfg.Dialect = d
	case lint.DialectOfURL(layout.URL) != "":
		cfg.Dialect = lint.DialectOfURL(layout.URL)
	default:
		cfg.Dialect, cfg.DialectAssumed = lint.PostgreSQL, true
		res.Notices = append(res.Notices, Notice{Message: "the database dialect is not known (no --dialect, no dialect setting, no recognisable sqlalchemy.url): PostgreSQL rules apply"})
	}
	for _, pattern := range s.Exclude {
		if err := validGlob(filepath.ToSlash(strings.TrimSpace(pattern))); err != nil {
			return cfg, fmt.Errorf("%s: exclude %q is not a valid pattern (%v): use globs such as migrations/versions/legacy/*", s.Path, pattern, err)
		}
	}
	return cfg, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// validGlob reports a malformed glob. filepath.Match checks a pattern only
// as far as it gets with a name, so each piece between stars (outside
// brackets) is checked on its own, where Match reads it to the end.
func validGlob(pattern string) error {
	start, inClass := 0, false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\' && !inClass:
			i++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '*' && !inClass:
			if _, err := filepath.Match(pattern[start:i], ""); err != nil {
				return err
			}
			start = i + 1
		}
	}
	_, err := filepath.Match(pattern[start:], "")
	return err
}

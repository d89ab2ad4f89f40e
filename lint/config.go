package lint

import "strings"

// Config is the effective configuration of one run: flags over the
// settings file over the defaults, with the dialect decided. The loader
// (package load) builds it; the engine and the rules only read it.
type Config struct {
	// Dialect is the database the migrations run on; never empty once
	// the loader has decided it.
	Dialect Dialect
	// DialectAssumed: nothing named the dialect, so PostgreSQL was
	// assumed (the run says so once).
	DialectAssumed bool
	// TargetVersion is the server's version; zero means a current one.
	TargetVersion Version
	// Select and Ignore hold IDs, ID prefixes or names. An empty Select
	// means every default rule.
	Select, Ignore []string
	// Severity overrides rule severities by selector.
	Severity map[string]Severity
	// FailLevel is the lowest severity that fails the run.
	FailLevel Severity
	// LockTimeoutInEnv: env.py sets lock_timeout, so revisions need not.
	LockTimeoutInEnv bool
	// Baseline is the settings' baseline revision: the history starts
	// from a stamped database, whose tables no revision creates.
	Baseline string
}

// Enabled reports whether the rule is selected and not ignored. The most
// specific selector wins, so `--select ML4 --ignore ML401` and `--select
// ML401 --ignore ML4` both do what they say. An opt-in rule runs only when
// a selector names it by ID or name, or a prefix selects it explicitly.
func (c *Config) Enabled(rule *Rule) bool {
	selected := 0
	if len(c.Select) == 0 && !rule.OptIn {
		selected = 1
	}
	for _, s := range c.Select {
		if rule.OptIn && specificity(s, rule) < exact {
			continue
		}
		if isAll(s) || rule.Matches(s) {
			selected = max(selected, specificity(s, rule))
		}
	}
	ignored := 0
	for _, s := range c.Ignore {
		if isAll(s) || rule.Matches(s) {
			ignored = max(ignored, specificity(s, rule))
		}
	}
	return selected > 0 && selected >= ignored
}

// Applies reports whether the rule is meant for the configured dialect.
func (c *Config) Applies(rule *Rule) bool {
	if len(rule.Dialects) == 0 {
		return true
	}
	for _, d := range rule.Dialects {
		if d == c.Dialect {
			return true
		}
	}
	return false
}

// exact is the specificity of a selector that is the rule's ID or name.
const exact = 10

// specificity ranks how closely a selector names a rule: a name or full ID
// beats ML40, which beats ML4, which beats ALL.
func specificity(selector string, rule *Rule) int {
	switch {
	case isAll(selector):
		return 1
	case strings.EqualFold(selector, rule.Name) || len(selector) >= len(rule.ID):
		return exact
	default:
		return len(selector)
	}
}

func isAll(selector string) bool { return strings.EqualFold(strings.TrimSpace(selector), "ALL") }

// SeverityOf applies the most specific override to the rule's severity.
func (c *Config) SeverityOf(rule *Rule) Severity {
	best, sev := 0, rule.Severity
	for sel, s := range c.Severity {
		if rule.Matches(sel) {
			if sp := specificity(sel, rule); sp > best {
				best, sev = sp, s
			}
		}
	}
	return sev
}

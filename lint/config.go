package lint

import "strings"

// Config is what the user chose, from the config file and flags.
type Config struct {
	// Dialect is postgresql, mysql, mariadb or sqlite.
	Dialect string
	// TargetVersion is the server's major version ("15", "8.0"); empty
	// means a current one.
	TargetVersion string
	// Select and Ignore hold IDs, ID prefixes or names. An empty Select
	// means every rule.
	Select, Ignore []string
	// Severity overrides rule severities by selector.
	Severity map[string]Severity
	// FailLevel is the lowest severity that fails the run.
	FailLevel Severity
	// LockTimeoutInEnv: env.py sets lock_timeout, so revisions need not.
	LockTimeoutInEnv bool
}

// Enabled reports whether the rule is selected and not ignored. The most
// specific selector wins, so `--select ML4 --ignore ML401` and `--select
// ML401 --ignore ML4` both do what they say.
func (c *Config) Enabled(rule *Rule) bool {
	selected := 0
	if len(c.Select) == 0 {
		selected = 1
	}
	for _, s := range c.Select {
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

// specificity ranks how closely a selector names a rule: a name or full ID
// beats ML40, which beats ML4, which beats ALL.
func specificity(selector string, rule *Rule) int {
	switch {
	case isAll(selector):
		return 1
	case strings.EqualFold(selector, rule.Name) || len(selector) >= len(rule.ID):
		return 10
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

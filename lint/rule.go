package lint

import (
	"fmt"
	"sort"
	"strings"
)

// Rule is one check, declared as a value next to its documentation.
type Rule struct {
	ID       string // ML401: stable, never reused
	Name     string // not-null-without-default
	Title    string // one line for `migrate-lint rules`
	Severity Severity
	Doc      Doc
	// Since is the release that introduced the rule.
	Since string
	// Dialects limits the rule to these databases; empty means every one.
	// The engine skips a rule that does not apply to the configured
	// dialect, so rules need no guard of their own.
	Dialects []Dialect
	// OptIn rules run only when selected by ID or name (--select ML608):
	// they need something not every project has, or cost time.
	OptIn bool
	// Project rules run once over the whole project (the graph rules);
	// the others run once per revision under lint.
	Project bool
	// Supersedes lists rules whose finding on the same line this rule's
	// finding replaces, because it says the same thing more precisely
	// (a rename written as drop and create says more than "drop table").
	Supersedes []string
	// Run does the check; nil for findings that the engine itself makes
	// (unused and malformed suppressions), which still need a doc page.
	Run func(*Pass)
}

// Doc is the rule's page: what goes wrong, what to do instead, and the safe
// form as an Alembic example.
type Doc struct {
	Problem  string
	Solution string
	// Example is Python: the safe form in Alembic. It is real code: a
	// test lints it and expects no finding from the rule.
	Example string
}

// Code is the example as a file holds it: without the newline that opens
// a raw string literal.
func (d Doc) Code() string { return strings.TrimLeft(d.Example, "\n") }

// DialectNames renders the rule's dialects for its documentation: "every
// dialect" or "postgresql".
func (rule *Rule) DialectNames() string {
	if len(rule.Dialects) == 0 {
		return "every dialect"
	}
	names := make([]string, len(rule.Dialects))
	for i, d := range rule.Dialects {
		names[i] = string(d)
	}
	return strings.Join(names, ", ")
}

// Registry is the sorted, duplicate-free list of rules.
type Registry struct {
	rules []*Rule
	byKey map[string]*Rule
}

// NewRegistry checks the rules' IDs and names and sorts them by ID.
func NewRegistry(rules ...*Rule) (*Registry, error) {
	r := &Registry{byKey: map[string]*Rule{}}
	for _, rule := range rules {
		if !validID(rule.ID) {
			return nil, fmt.Errorf("rule %q: ID must be ML followed by three digits", rule.ID)
		}
		for _, key := range []string{rule.ID, rule.Name} {
			if other, dup := r.byKey[key]; dup {
				return nil, fmt.Errorf("rule %s and rule %s share %q", other.ID, rule.ID, key)
			}
			r.byKey[key] = rule
		}
		r.rules = append(r.rules, rule)
	}
	sort.Slice(r.rules, func(i, j int) bool { return r.rules[i].ID < r.rules[j].ID })
	return r, nil
}

func validID(id string) bool {
	if len(id) != 5 || !strings.HasPrefix(id, "ML") {
		return false
	}
	for _, c := range id[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// All returns the rules sorted by ID.
func (r *Registry) All() []*Rule { return r.rules }

// Lookup finds a rule by ID (any case) or name.
func (r *Registry) Lookup(key string) (*Rule, bool) {
	rule, ok := r.byKey[key]
	if !ok {
		rule, ok = r.byKey[strings.ToUpper(key)]
	}
	return rule, ok
}

// Matches reports whether a selector (an ID, an ID prefix such as ML2 or
// ML20, or a rule name) names the rule.
func (rule *Rule) Matches(selector string) bool {
	s := strings.TrimSpace(selector)
	if strings.EqualFold(s, rule.Name) {
		return true
	}
	s = strings.ToUpper(s)
	return strings.HasPrefix(s, "ML") && strings.HasPrefix(rule.ID, s)
}

// ValidateSelectors returns an error naming the first selector that matches
// no rule, so a typo in --select does not silently select nothing.
func (r *Registry) ValidateSelectors(selectors []string) error {
	for _, s := range selectors {
		if isAll(s) {
			continue
		}
		found := false
		for _, rule := range r.rules {
			if rule.Matches(s) {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("%q names no rule: use an ID (ML401), an ID prefix (ML4, ML40) or a name (not-null-without-default); `migrate-lint rules` lists them", s)
		}
	}
	return nil
}

package lint

import (
	"fmt"
	"strings"
)

// IDs of findings the engine makes itself rather than a rule's Run.
const (
	UnusedSuppressionID    = "ML002"
	MalformedSuppressionID = "ML003"
)

// Run runs every enabled rule over the project and returns the findings
// that survive suppression comments, sorted and fingerprinted.
func Run(p *Project, reg *Registry, cfg *Config) []Diagnostic {
	return RunWith(p, reg, cfg, nil)
}

// RunWith is Run with findings measured elsewhere (the sandbox) added, so
// that selection, suppressions, severity overrides and fingerprints treat
// them like the rest.
func RunWith(p *Project, reg *Registry, cfg *Config, measured []Diagnostic) []Diagnostic {
	var found []Diagnostic
	ran := map[string]bool{}
	for _, d := range measured {
		if rule, ok := reg.Lookup(d.Rule); ok && cfg.Enabled(rule) {
			ran[rule.ID] = true
			found = append(found, d)
		}
	}
	for _, rule := range reg.All() {
		if rule.Run == nil || !cfg.Enabled(rule) {
			continue
		}
		ran[rule.ID] = true
		if rule.Project {
			found = append(found, runRule(rule, &Pass{Rule: rule, Project: p, Config: cfg}, "")...)
			continue
		}
		for _, rev := range p.Targets() {
			pass := &Pass{Rule: rule, Project: p, Config: cfg, Revision: rev}
			found = append(found, runRule(rule, pass, rev.Path)...)
		}
	}
	found = keepTargets(p, found)
	found = applySuppressions(p, reg, cfg, ran, found)
	for i := range found {
		if rule, ok := reg.Lookup(found[i].Rule); ok {
			found[i].Name = rule.Name
			found[i].Severity = cfg.SeverityOf(rule)
		}
	}
	SortDiagnostics(found)
	assignFingerprints(found)
	return found
}

// runRule calls the rule and turns a panic into one finding about the rule,
// so that one broken rule cannot stop the others.
func runRule(rule *Rule, pass *Pass, path string) (found []Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			found = append(pass.found, Diagnostic{
				Rule: rule.ID, Path: path, Span: LineSpan(1),
				Message: fmt.Sprintf("rule %s (%s) failed on this file: %v", rule.ID, rule.Name, r),
				Help:    "report this as a bug in migrate-lint with the file attached; the other rules ran",
			})
		}
	}()
	rule.Run(pass)
	return pass.found
}

// keepTargets drops project-rule findings on revisions that are not under
// lint. In change-set mode it keeps only findings on the change: its
// revisions, the files it deletes, and configuration files it edits.
func keepTargets(p *Project, found []Diagnostic) []Diagnostic {
	byPath := map[string]*Revision{}
	for _, r := range p.Revisions {
		byPath[r.Path] = r
	}
	deleted := map[string]bool{}
	if p.Base != nil {
		for _, d := range p.Base.Deleted {
			deleted[d.Path] = true
		}
	}
	out := found[:0]
	for _, d := range found {
		r, isRevision := byPath[d.Path]
		switch {
		case isRevision && !p.IsTarget(r):
			continue
		case !isRevision && p.Base != nil && !deleted[d.Path] && !p.Base.ChangedFiles[d.Path]:
			continue
		}
		out = append(out, d)
	}
	return out
}

// applySuppressions drops findings covered by a suppression comment and
// reports comments that lack a reason (ML003) or cover nothing (ML002).
func applySuppressions(p *Project, reg *Registry, cfg *Config, ran map[string]bool, found []Diagnostic) []Diagnostic {
	type fileSuppressions struct {
		rev  *Revision
		used []bool
	}
	files := map[string]*fileSuppressions{}
	for _, r := range p.Targets() {
		if len(r.Suppressions) > 0 {
			files[r.Path] = &fileSuppressions{rev: r, used: make([]bool, len(r.Suppressions))}
		}
	}
	var kept []Diagnostic
	for _, d := range found {
		fs := files[d.Path]
		suppressed := false
		if fs != nil {
			for i, s := range fs.rev.Suppressions {
				if s.covers(d) {
					fs.used[i] = true
					suppressed = true
				}
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	malformed, _ := reg.Lookup(MalformedSuppressionID)
	unused, _ := reg.Lookup(UnusedSuppressionID)
	for _, fs := range files {
		for i, s := range fs.rev.Suppressions {
			if s.Malformed == "" {
				s.Malformed = unknownCodes(reg, s.Codes)
			}
			switch {
			case s.Malformed != "":
				if malformed != nil && cfg.Enabled(malformed) {
					kept = append(kept, Diagnostic{Rule: malformed.ID, Path: fs.rev.Path, Span: s.Span,
						Revision: fs.rev.ID, Message: s.Malformed,
						Help: "write `# migrate-lint: ignore[ML302] why this is safe`"})
				}
			case !fs.used[i] && unused != nil && cfg.Enabled(unused) && allRan(reg, ran, s.Codes):
				kept = append(kept, Diagnostic{Rule: unused.ID, Path: fs.rev.Path, Span: s.Span,
					Revision: fs.rev.ID,
					Message:  fmt.Sprintf("suppression of %s matches no finding", strings.Join(s.Codes, ", ")),
					Help:     "remove the comment, or move it onto the line of the finding or the line above"})
			}
		}
	}
	return kept
}

// allRan reports whether every rule a suppression names was run: a
// suppression for a rule that is switched off is not "unused".
func allRan(reg *Registry, ran map[string]bool, codes []string) bool {
	for _, code := range codes {
		for _, rule := range reg.All() {
			if rule.Matches(code) && !ran[rule.ID] {
				return false
			}
		}
	}
	return len(codes) > 0
}

func (s Suppression) covers(d Diagnostic) bool {
	if d.Rule == UnusedSuppressionID || d.Rule == MalformedSuppressionID {
		return false
	}
	if !s.FileWide {
		end := max(d.Span.EndLine, d.Span.Line)
		if s.Span.Line < d.Span.Line-1 || s.Span.Line > end {
			return false
		}
	}
	rule := &Rule{ID: d.Rule, Name: d.Name}
	for _, code := range s.Codes {
		if rule.Matches(code) {
			return true
		}
	}
	return false
}

// unknownCodes explains which codes of a suppression name no rule.
func unknownCodes(reg *Registry, codes []string) string {
	for _, code := range codes {
		if err := reg.ValidateSelectors([]string{code}); err != nil {
			return fmt.Sprintf("suppression names %q, which is no rule ID or name", code)
		}
	}
	return ""
}

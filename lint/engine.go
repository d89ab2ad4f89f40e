package lint

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	found, _ := RunContext(context.Background(), p, reg, cfg, measured)
	return found
}

// RunContext is RunWith that stops once ctx is done (Ctrl-C), returning
// ctx's error: each core finishes the revision it is on and runs no rule
// on another.
func RunContext(ctx context.Context, p *Project, reg *Registry, cfg *Config, measured []Diagnostic) ([]Diagnostic, error) {
	var found, failures, kept []Diagnostic
	ran := map[string]bool{}
	for _, d := range measured {
		if rule, ok := reg.Lookup(d.Rule); ok && cfg.Enabled(rule) {
			ran[rule.ID] = true
			kept = append(kept, d)
		}
	}
	var rules []*Rule
	for _, rule := range reg.All() {
		if rule.Run == nil || !cfg.Enabled(rule) || !cfg.Applies(rule) {
			continue
		}
		ran[rule.ID] = true
		rules = append(rules, rule)
	}
	results, err := runRules(ctx, p, cfg, rules)
	if err != nil {
		return nil, err
	}
	// In the order the rules would have run one after the other: rule by
	// rule, revision by revision.
	n := 0
	for _, r := range results {
		n += len(r.found)
	}
	found = make([]Diagnostic, 0, n+len(kept))
	for _, r := range results {
		found = append(found, r.found...)
		failures = append(failures, r.failure...)
	}
	found = keepTargets(p, found)
	// Measured findings came from running only the revisions under lint,
	// so they are about the change even on env.py or a model module the
	// change did not touch (the models drift from the new revision).
	found = append(found, kept...)
	// After the measured findings are in: the sandbox's failure at a line
	// replaces the static prediction of it (ML601 over ML707 on env.py).
	found = dropSuperseded(reg, found)
	// A rule that failed is reported whatever the change set: the run
	// checked less than it says, and that must not vanish under --base.
	found = append(found, failures...)
	found = applySuppressions(p, reg, cfg, ran, found)
	for i := range found {
		if rule, ok := reg.Lookup(found[i].Rule); ok {
			found[i].Name = rule.Name
			found[i].Severity = cfg.SeverityOf(rule)
		}
	}
	SortDiagnostics(found)
	found = capRepeats(found)
	assignFingerprints(p.Root, found)
	return found, nil
}

// ruleResult is what one rule (rules[rule]) found on one revision
// (targets[target]; 0 for a project rule).
type ruleResult struct {
	rule, target   int
	found, failure []Diagnostic
}

// runRules runs the rules, each on the project or on every revision under
// lint. Rules are independent and read the project without changing it,
// so the revisions are shared out among the cores. It returns what they
// found in the order of rules, then of revisions, whichever core ran
// what; a rule that found nothing on a revision has no result (a slot for
// every rule and revision was 2.6 MB of fresh memory on the corpus tree,
// nearly all of it empty). Each core checks ctx before each revision.
func runRules(ctx context.Context, p *Project, cfg *Config, rules []*Rule) ([]ruleResult, error) {
	targets := p.Targets()
	var perRevision []int
	for i, rule := range rules {
		if !rule.Project {
			perRevision = append(perRevision, i)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Project rules first, on this core, while the others start on the
	// revisions.
	var wg sync.WaitGroup
	var next atomic.Int64
	const chunk = 8
	work := func() (results []ruleResult) {
		// One Pass per core, set afresh for each rule and revision: a new
		// one each time was about 56,000 allocations (3.4 MB) on the
		// corpus tree. A rule gets the Pass for its call only; what it found
		// leaves with the result.
		pass := &Pass{}
		for {
			start := int(next.Add(chunk)) - chunk
			if start >= len(targets) {
				return results
			}
			for j := start; j < min(start+chunk, len(targets)); j++ {
				if ctx.Err() != nil {
					return results
				}
				rev := targets[j]
				for _, i := range perRevision {
					*pass = Pass{Rule: rules[i], Project: p, Config: cfg, Revision: rev}
					if out, failure := runRule(rules[i], pass, rev); len(out) > 0 || len(failure) > 0 {
						results = append(results, ruleResult{i, j, out, failure})
					}
				}
			}
		}
	}
	workers := 0
	if len(perRevision) > 0 {
		workers = min(runtime.GOMAXPROCS(0), (len(targets)+chunk-1)/chunk)
	}
	perCore := make([][]ruleResult, max(workers, 1))
	for w := range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			perCore[w+1] = work()
		}()
	}
	var results []ruleResult
	for i, rule := range rules {
		if rule.Project {
			if out, failure := runRule(rule, &Pass{Rule: rule, Project: p, Config: cfg}, projectAnchor(p)); len(out) > 0 || len(failure) > 0 {
				results = append(results, ruleResult{i, 0, out, failure})
			}
		}
	}
	if workers > 0 {
		perCore[0] = work()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, r := range perCore {
		results = append(results, r...)
	}
	slices.SortFunc(results, func(a, b ruleResult) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.target, b.target))
	})
	return results, nil
}

// MaxRepeats is how many findings of one rule one file shows before the
// rest are summed up in one more: a revision that adds 90 foreign keys
// needs the fix said once, not 90 review comments.
const MaxRepeats = 3

// capRepeats keeps the first MaxRepeats findings of each rule in each file
// (in line order) and replaces the others, when there are two or more,
// with one finding that counts them and lists their lines. Identical findings at the same place (a
// helper called twice with the same arguments) are kept once.
func capRepeats(sorted []Diagnostic) []Diagnostic {
	type key struct{ rule, file string }
	count := map[key]int{}
	extra := map[key][]int{}
	summary := map[key]int{}
	out := sorted[:0]
	for i, d := range sorted {
		if i > 0 {
			prev := sorted[i-1]
			if prev.Rule == d.Rule && prev.File == d.File && prev.Span == d.Span && prev.Message == d.Message {
				continue
			}
		}
		k := key{d.Rule, d.File}
		count[k]++
		switch {
		case count[k] <= MaxRepeats:
			out = append(out, d)
		case count[k] == MaxRepeats+1:
			summary[k] = len(out)
			extra[k] = append(extra[k], d.Span.Line)
			out = append(out, d)
		default:
			extra[k] = append(extra[k], d.Span.Line)
		}
	}
	for k, at := range summary {
		lines := extra[k]
		if len(lines) == 1 {
			continue // one more is shown as it is
		}
		shown := make([]string, 0, min(len(lines), maxListedLines))
		for _, l := range lines[:min(len(lines), maxListedLines)] {
			shown = append(shown, fmt.Sprint(l))
		}
		list := strings.Join(shown, ", ")
		if len(lines) > maxListedLines {
			list += ", ..."
		}
		out[at].Message = fmt.Sprintf("and %d more %s findings in this file like the ones above, at lines %s", len(lines), k.rule, list)
	}
	return out
}

// maxListedLines bounds the line numbers a summary lists.
const maxListedLines = 50

// projectAnchor is where a failure of a project rule is reported: the
// first revision under lint, which is in the change set when there is one.
func projectAnchor(p *Project) *Revision {
	if targets := p.Targets(); len(targets) > 0 {
		return targets[0]
	}
	if len(p.Revisions) > 0 {
		return p.Revisions[0]
	}
	return &Revision{File: p.Root}
}

// runRule calls the rule and turns a panic into one finding about the rule
// on the anchor file, so that one broken rule cannot stop the others.
func runRule(rule *Rule, pass *Pass, anchor *Revision) (found, failure []Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			found = pass.found
			failure = []Diagnostic{{
				Rule: rule.ID, File: anchor.File, Revision: anchor.ID, Span: LineSpan(1),
				Message: fmt.Sprintf("rule %s (%s) failed on this file: %v", rule.ID, rule.Name, r),
				Help:    "report this as a bug in migrate-lint with the file attached; the other rules ran",
			}}
		}
	}()
	rule.Run(pass)
	return pass.found, nil
}

// keepTargets drops project-rule findings on revisions that are not under
// lint. In change-set mode it keeps only findings on the change: its
// revisions, the files it deletes, and configuration files it edits.
func keepTargets(p *Project, found []Diagnostic) []Diagnostic {
	deleted := map[string]bool{}
	if p.Base != nil {
		for _, d := range p.Base.Deleted {
			deleted[d.File] = true
		}
	}
	out := found[:0]
	for _, d := range found {
		r, isRevision := p.RevisionOf(d.File)
		switch {
		case isRevision && !p.IsTarget(r):
			continue
		case !isRevision && p.Base != nil && !deleted[d.File] && !p.Base.ChangedFiles[d.File]:
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
			files[r.File] = &fileSuppressions{rev: r, used: make([]bool, len(r.Suppressions))}
		}
	}
	kept := make([]Diagnostic, 0, len(found))
	for _, d := range found {
		fs := files[d.File]
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
					kept = append(kept, Diagnostic{Rule: malformed.ID, File: fs.rev.File, Span: s.Span,
						Revision: fs.rev.ID, Message: s.Malformed,
						Help: "write `# migrate-lint: ignore[ML302] why this is safe`"})
				}
			case !fs.used[i] && unused != nil && cfg.Enabled(unused) && allRan(reg, ran, s.Codes):
				kept = append(kept, Diagnostic{Rule: unused.ID, File: fs.rev.File, Span: s.Span,
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

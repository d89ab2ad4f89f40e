package lint

import (
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
)

// parallelRules: per-revision rules whose findings tie on every sort key
// but their help (so the order they were found in shows through the
// stable sort), one that panics on some revisions, and a project rule.
func parallelRules(t testing.TB) *Registry {
	t.Helper()
	var rules []*Rule
	for k := range 4 {
		rules = append(rules, &Rule{ID: fmt.Sprintf("ML40%d", k+1), Name: fmt.Sprintf("rule-%d", k), Severity: SeverityError, Run: func(p *Pass) {
			for n := range len(p.Revision.ID) % 5 {
				p.Report(p.Revision, LineSpan(3), "same message", fmt.Sprintf("help %d of %s", n, p.Revision.ID))
			}
			if k == 2 && len(p.Revision.ID)%7 == 0 {
				panic("boom on " + p.Revision.ID)
			}
		}})
	}
	rules = append(rules, &Rule{ID: "ML101", Name: "project", Severity: SeverityWarning, Project: true, Run: func(p *Pass) {
		for _, r := range p.Project.Targets()[:10] {
			p.Report(r, LineSpan(3), "same message", "from the project rule")
		}
	}})
	reg, err := NewRegistry(rules...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func parallelProject(n int) *Project {
	var revs []*Revision
	for i := range n {
		id := fmt.Sprintf("r%0*d", 1+i%9, i)
		revs = append(revs, &Revision{File: fmt.Sprintf("/p/v/%03d.py", i/3), ID: id, HasID: true})
	}
	return NewProject("/p", revs)
}

// TestRunIsDeterministicOnEveryCore: the rules run on every core, and the
// findings come out as they do on one.
func TestRunIsDeterministicOnEveryCore(t *testing.T) {
	reg := parallelRules(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := Run(parallelProject(500), reg, &Config{})
	if len(want) < 100 {
		t.Fatalf("only %d findings", len(want))
	}
	for _, procs := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		for range 3 {
			if got := Run(parallelProject(500), reg, &Config{}); !reflect.DeepEqual(got, want) {
				t.Fatalf("GOMAXPROCS=%d: the findings differ from one core's", procs)
			}
		}
	}
}

// TestEachRuleGetsItsOwnFindings: each call of a rule on a revision
// starts from a clean Pass, though one Pass serves a core's calls, so a
// rule reports exactly its own findings on each revision and never one
// that another rule, or the same rule on another revision, made before.
// (Run's output alone would not show a leak: a finding carried into
// another call is a duplicate, which the output keeps once.)
func TestEachRuleGetsItsOwnFindings(t *testing.T) {
	var rules []*Rule
	var dirty atomic.Int32
	for k := range 3 {
		rules = append(rules, &Rule{ID: fmt.Sprintf("ML40%d", k+1), Name: fmt.Sprintf("rule-%d", k), Severity: SeverityError, Run: func(p *Pass) {
			if len(p.found) != 0 || p.Rule.ID != fmt.Sprintf("ML40%d", k+1) {
				dirty.Add(1)
			}
			p.Report(p.Revision, LineSpan(1+k), fmt.Sprintf("rule %d on %s", k, p.Revision.ID), "")
		}})
	}
	reg, err := NewRegistry(rules...)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	p := parallelProject(100)
	found := Run(p, reg, &Config{})
	if n := dirty.Load(); n != 0 {
		t.Errorf("%d calls of a rule began with another call's findings or rule in their Pass", n)
	}
	count := map[string]int{}
	for _, d := range found {
		var k int
		var id string
		if _, err := fmt.Sscanf(d.Message, "rule %d on %s", &k, &id); err != nil {
			t.Fatalf("unexpected finding %q", d.Message)
		}
		if d.Rule != fmt.Sprintf("ML40%d", k+1) || d.Revision != id || d.Span.Line != 1+k {
			t.Errorf("%s on %s at line %d carries another call's finding: %q", d.Rule, d.Revision, d.Span.Line, d.Message)
		}
		count[d.Rule+" "+d.Revision]++
	}
	for _, r := range p.Targets() {
		for _, rule := range rules {
			if n := count[rule.ID+" "+r.ID]; n != 1 {
				t.Errorf("%s reported %d findings on %s, want 1", rule.ID, n, r.ID)
			}
		}
	}
}

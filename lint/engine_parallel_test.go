package lint

import (
	"fmt"
	"reflect"
	"runtime"
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

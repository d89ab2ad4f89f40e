package lint

import (
	"sync"
	"sync/atomic"
	"testing"
)

type countKey struct{}
type otherKey struct{}

// TestDerivedOncePerProject: many revisions asking at once compute the
// fact once; another key, another project or new targets compute again.
func TestDerivedOncePerProject(t *testing.T) {
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}, {File: "/p/b.py", ID: "b", HasID: true, DownRevisions: []string{"a"}}})
	var calls atomic.Int32
	count := func() int { calls.Add(1); return len(p.Targets()) }
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := Derived(p, countKey{}, count); got != 2 {
				t.Errorf("Derived = %d, want 2", got)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("computed %d times for one key and project, want once", n)
	}
	if got := Derived(p, otherKey{}, func() string { return "other" }); got != "other" {
		t.Fatalf("another key answered %q", got)
	}
	p.SetTargets(p.Revisions[1:])
	if got := Derived(p, countKey{}, count); got != 1 || calls.Load() != 2 {
		t.Fatalf("after SetTargets: %d targets, %d computations; want 1 and 2 (a fact may depend on the targets)", got, calls.Load())
	}
	q := NewProject("/q", nil)
	if got := Derived(q, countKey{}, func() int { return -1 }); got != -1 {
		t.Fatalf("another project got the first project's answer %d", got)
	}
	var literal Project // not made by NewProject: no memory, still an answer
	if got := Derived(&literal, countKey{}, func() int { return 7 }); got != 7 {
		t.Fatalf("a literal Project got %d", got)
	}
}

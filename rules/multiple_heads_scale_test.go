package rules

import (
	"fmt"
	"math/rand"
	"runtime"
	"slices"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/graph"
)

// TestBranchMatesAgree: on random graphs with branch labels, the heads
// branchMates gives each head are those g.SharesBranch pairs it with, in
// g.Heads order.
func TestBranchMatesAgree(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	labels := []string{"a", "b", "c"}
	for round := 0; round < 200; round++ {
		nodes := []graph.Node{{ID: "r0"}}
		for i := 1; i < 2+rng.Intn(30); i++ {
			n := graph.Node{ID: fmt.Sprintf("r%d", i), Down: []string{fmt.Sprintf("r%d", rng.Intn(i))}}
			if rng.Intn(4) == 0 {
				n.BranchLabels = []string{labels[rng.Intn(len(labels))] + fmt.Sprint(rng.Intn(2))}
			}
			nodes = append(nodes, n)
		}
		g := graph.Build(nodes)
		mates := branchMates(g)
		for _, h := range g.Heads {
			var want []int
			for _, o := range g.Heads {
				if o == h || g.SharesBranch(h, o) {
					want = append(want, o)
				}
			}
			if got := mates(h); !slices.Equal(got, want) {
				t.Fatalf("head %d: mates %v, want %v (labels %v)", h, got, want, g.Labels)
			}
		}
	}
}

// TestManyHeadsCostLinearMemory: ML101 over thousands of heads on one
// parent allocates in proportion to the heads; listing every other head
// for each head was quadratic.
func TestManyHeadsCostLinearMemory(t *testing.T) {
	project := func(n int) *lint.Project {
		revs := []*lint.Revision{{File: "/p/versions/base.py", ID: "base", HasID: true}}
		for i := range n {
			revs = append(revs, &lint.Revision{File: fmt.Sprintf("/p/versions/r%05d.py", i), ID: fmt.Sprintf("r%05d", i), HasID: true, DownRevisions: []string{"base"}})
		}
		return lint.NewProject("/p", revs)
	}
	allocated := func(p *lint.Project) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		lint.Run(p, Registry(), &lint.Config{Dialect: lint.PostgreSQL, Select: []string{"ML101"}})
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(project(4000)), allocated(project(8000))
	if ratio := float64(large) / float64(small); ratio > 2.5 {
		t.Errorf("4,000 heads allocate %d bytes, 8,000 heads %d: %.2fx", small, large, ratio)
	}
}

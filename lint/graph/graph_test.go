package graph

import (
	"slices"
	"testing"
)

func ids(g *Graph, nodes []int) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, g.Nodes[n].ID)
	}
	return out
}

func TestBuild(t *testing.T) {
	t.Parallel()
	g := Build([]Node{
		{ID: "a"},
		{ID: "b", Down: []string{"a"}},
		{ID: "c", Down: []string{"a"}},
		{ID: "m", Down: []string{"b", "c"}},
		{ID: "x", Down: []string{"gone"}, DependsOn: []string{"billing", "nope"}},
		{ID: "l", Down: []string{"m"}, BranchLabels: []string{"billing"}},
		{ID: "b", Down: []string{"a"}},
	})
	checks := map[string][2][]string{
		"heads":        {ids(g, g.Heads), {"x", "l"}},
		"bases":        {ids(g, g.Bases), {"a"}},
		"branchpoints": {ids(g, g.BranchPoints), {"a"}},
		"merges":       {ids(g, g.MergePoints), {"m"}},
		"topological":  {ids(g, g.Topological()), {"a", "b", "c", "m", "x", "l", "b"}},
	}
	for name, c := range checks {
		if !slices.Equal(c[0], c[1]) {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if len(g.Duplicates) != 1 || !slices.Equal(g.Duplicates[0], []int{1, 6}) {
		t.Errorf("duplicates %v", g.Duplicates)
	}
	if len(g.MissingDown) != 1 || g.MissingDown[0].ID != "gone" || len(g.MissingDeps) != 1 || g.MissingDeps[0].ID != "nope" {
		t.Errorf("missing %v %v", g.MissingDown, g.MissingDeps)
	}
	// As in Alembic, a label spreads upwards only until a merge point.
	if !slices.Equal(g.Labels[5], []string{"billing"}) || len(g.Labels[3]) != 0 {
		t.Errorf("labels l=%v m=%v", g.Labels[5], g.Labels[3])
	}
}

func TestLabelsSeparateHeads(t *testing.T) {
	t.Parallel()
	g := Build([]Node{
		{ID: "root"},
		{ID: "e1", Down: []string{"root"}, BranchLabels: []string{"expand"}},
		{ID: "e2", Down: []string{"e1"}},
		{ID: "k1", Down: []string{"root"}, BranchLabels: []string{"contract"}, DependsOn: []string{"e1"}},
		{ID: "u1", Down: []string{"root"}},
	})
	if g.SharesBranch(2, 3) {
		t.Error("expand and contract heads share a branch")
	}
	if g.SharesBranch(2, 4) || g.SharesBranch(3, 4) {
		t.Error("labelled and unlabelled heads share a branch")
	}
	if !g.SharesBranch(4, 4) {
		t.Error("unlabelled heads must share the default branch")
	}
	if !slices.Equal(g.Labels[2], []string{"expand"}) || len(g.Labels[0]) != 0 {
		t.Errorf("inherited labels: e2=%v root=%v", g.Labels[2], g.Labels[0])
	}
}

func TestCycles(t *testing.T) {
	t.Parallel()
	g := Build([]Node{
		{ID: "a", Down: []string{"c"}},
		{ID: "b", Down: []string{"a"}},
		{ID: "c", Down: []string{"b"}},
		{ID: "d", Down: []string{"d"}},
		{ID: "e"},
	})
	if len(g.Cycles) != 2 || !slices.Equal(ids(g, g.Cycles[0]), []string{"a", "c", "b"}) || !slices.Equal(ids(g, g.Cycles[1]), []string{"d"}) {
		t.Errorf("cycles %v", g.Cycles)
	}
	if got := ids(g, g.Topological()); !slices.Equal(got, []string{"e", "a", "b", "c", "d"}) {
		t.Errorf("topological with cycles %q", got)
	}
	// A long chain must not overflow anything.
	nodes := []Node{{ID: "0"}}
	for i := 1; i < 20000; i++ {
		nodes = append(nodes, Node{ID: string(rune('a'+i%26)) + string(rune(i)), Down: []string{nodes[i-1].ID}})
	}
	if g := Build(nodes); len(g.Heads) != 1 || len(g.Cycles) != 0 {
		t.Errorf("long chain: heads %d cycles %d", len(g.Heads), len(g.Cycles))
	}
}

package graph

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// referenceLabels spreads labels as first written: each label checked
// against the node's labels so far, then each node's labels sorted.
func referenceLabels(g *Graph) [][]string {
	labels := make([][]string, len(g.Nodes))
	add := func(i int, ls []string) {
		for _, l := range ls {
			if !slices.Contains(labels[i], l) {
				labels[i] = append(labels[i], l)
			}
		}
	}
	for i, n := range g.Nodes {
		if len(n.BranchLabels) == 0 || g.isDuplicate(i) {
			continue
		}
		add(i, n.BranchLabels)
		seen := map[int]bool{i: true}
		stack := slices.Clone(g.children[i])
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[c] {
				continue
			}
			seen[c] = true
			add(c, n.BranchLabels)
			stack = append(stack, g.children[c]...)
		}
		for p := i; len(g.parents[p]) == 1; {
			p = g.parents[p][0]
			if seen[p] || len(g.children[p]) > 1 || len(g.parents[p]) > 1 {
				break
			}
			seen[p] = true
			add(p, n.BranchLabels)
		}
	}
	for i := range labels {
		slices.Sort(labels[i])
	}
	return labels
}

// TestSpreadLabelsAgrees: on random graphs (merges, branch points,
// duplicate ids, repeated and shared labels) every node carries the
// labels the former spreading gave it.
func TestSpreadLabelsAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for round := 0; round < 300; round++ {
		var nodes []Node
		for i := 0; i < 1+rng.Intn(25); i++ {
			n := Node{ID: fmt.Sprintf("r%d", i)}
			if rng.Intn(10) == 0 && i > 0 {
				n.ID = fmt.Sprintf("r%d", rng.Intn(i)) // a duplicate id
			}
			for j := 0; i > 0 && j < 1+rng.Intn(2); j++ {
				n.Down = append(n.Down, fmt.Sprintf("r%d", rng.Intn(i)))
			}
			for j := rng.Intn(3); j > 0 && rng.Intn(2) == 0; j-- {
				n.BranchLabels = append(n.BranchLabels, "l"+fmt.Sprint(rng.Intn(4)))
			}
			nodes = append(nodes, n)
		}
		g := Build(nodes)
		want := referenceLabels(g)
		for i := range g.Nodes {
			if !slices.Equal(g.Labels[i], want[i]) {
				t.Fatalf("node %d (%+v): labels %v, want %v", i, g.Nodes[i], g.Labels[i], want[i])
			}
		}
	}
}

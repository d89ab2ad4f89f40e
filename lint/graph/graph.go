// Package graph is the revision DAG of an Alembic project: heads, bases,
// branch points, merges, ancestry, cycles and branch labels, computed the
// way Alembic's RevisionMap computes them, without running Python.
package graph

import "slices"

// Node is one revision as the graph needs it.
type Node struct {
	ID           string
	Down         []string
	BranchLabels []string
	DependsOn    []string
}

// Missing is a reference to a revision that no file declares.
type Missing struct {
	Node int    // the node holding the reference
	ID   string // the id it names
}

// Graph is the analysed revision graph. Nodes are referred to by their
// index in the slice given to Build.
type Graph struct {
	Nodes []Node
	// first maps an id to the first node declaring it.
	first map[string]int
	// Duplicates lists, for each id declared more than once, every node
	// declaring it in input order.
	Duplicates [][]int
	// parents and children follow down_revision edges between known nodes.
	parents, children [][]int
	Heads, Bases      []int
	// BranchPoints have more than one child; MergePoints more than one
	// parent.
	BranchPoints, MergePoints []int
	MissingDown, MissingDeps  []Missing
	// Cycles lists each cycle of down_revision edges once.
	Cycles [][]int
	// Labels are the branch labels each node carries, its own and those it
	// inherits (Alembic spreads a label to descendants and to ancestors up
	// to the nearest branch or merge point).
	Labels [][]string
	// labelOwner maps a declared label to the nodes declaring it.
	labelOwner map[string][]int
}

// Build analyses the nodes.
func Build(nodes []Node) *Graph {
	g := &Graph{
		Nodes:      nodes,
		first:      map[string]int{},
		parents:    make([][]int, len(nodes)),
		children:   make([][]int, len(nodes)),
		Labels:     make([][]string, len(nodes)),
		labelOwner: map[string][]int{},
	}
	dups := map[string][]int{}
	for i, n := range nodes {
		if j, ok := g.first[n.ID]; ok {
			if len(dups[n.ID]) == 0 {
				dups[n.ID] = []int{j}
			}
			dups[n.ID] = append(dups[n.ID], i)
			continue
		}
		g.first[n.ID] = i
		for _, l := range n.BranchLabels {
			g.labelOwner[l] = append(g.labelOwner[l], i)
		}
	}
	for i, n := range nodes {
		if ids := dups[n.ID]; len(ids) > 0 && ids[0] == i {
			g.Duplicates = append(g.Duplicates, ids)
		}
	}
	for i, n := range nodes {
		for _, d := range n.Down {
			p, ok := g.first[d]
			if !ok {
				g.MissingDown = append(g.MissingDown, Missing{Node: i, ID: d})
				continue
			}
			g.parents[i] = append(g.parents[i], p)
			g.children[p] = append(g.children[p], i)
		}
		for _, d := range n.DependsOn {
			if _, ok := g.Resolve(d); !ok {
				g.MissingDeps = append(g.MissingDeps, Missing{Node: i, ID: d})
			}
		}
	}
	for i := range nodes {
		if g.isDuplicate(i) {
			continue
		}
		if len(g.children[i]) == 0 {
			g.Heads = append(g.Heads, i)
		}
		if len(nodes[i].Down) == 0 {
			g.Bases = append(g.Bases, i)
		}
		if len(g.children[i]) > 1 {
			g.BranchPoints = append(g.BranchPoints, i)
		}
		if len(g.parents[i]) > 1 {
			g.MergePoints = append(g.MergePoints, i)
		}
	}
	g.Cycles = findCycles(g.parents)
	g.spreadLabels()
	return g
}

// isDuplicate reports whether node i repeats an id declared earlier; such
// nodes are left out of the edges so the first declaration wins, as in
// Alembic, which keeps one of them.
func (g *Graph) isDuplicate(i int) bool { return g.first[g.Nodes[i].ID] != i }

// Lookup returns the node declaring id.
func (g *Graph) Lookup(id string) (int, bool) {
	i, ok := g.first[id]
	return i, ok
}

// Resolve finds a revision by id or by branch label, as depends_on allows.
func (g *Graph) Resolve(ref string) (int, bool) {
	if i, ok := g.first[ref]; ok {
		return i, true
	}
	if owners := g.labelOwner[ref]; len(owners) > 0 {
		return owners[0], true
	}
	return 0, false
}

// LabelOwners returns the nodes that declare a branch label.
func (g *Graph) LabelOwners(label string) []int { return g.labelOwner[label] }

// Parents returns a node's down_revisions that exist.
func (g *Graph) Parents(i int) []int { return g.parents[i] }

// Children returns the nodes whose down_revision names node i.
func (g *Graph) Children(i int) []int { return g.children[i] }

// Ancestors returns every node reachable from i through down_revision
// edges, not including i.
func (g *Graph) Ancestors(i int) []bool {
	seen := make([]bool, len(g.Nodes))
	stack := slices.Clone(g.parents[i])
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, g.parents[n]...)
	}
	return seen
}

// Topological orders the nodes parents first; among nodes that are ready
// together, input order wins, so the result is stable. Nodes on a cycle
// come last, in input order.
func (g *Graph) Topological() []int {
	pending := make([]int, len(g.Nodes))
	var ready []int
	for i := range g.Nodes {
		pending[i] = len(g.parents[i])
		if pending[i] == 0 {
			ready = append(ready, i)
		}
	}
	out := make([]int, 0, len(g.Nodes))
	placed := make([]bool, len(g.Nodes))
	for len(ready) > 0 {
		slices.Sort(ready)
		n := ready[0]
		ready = ready[1:]
		out = append(out, n)
		placed[n] = true
		for _, c := range g.children[n] {
			pending[c]--
			if pending[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	for i := range g.Nodes {
		if !placed[i] {
			out = append(out, i)
		}
	}
	return out
}

// spreadLabels gives every node the labels Alembic would: a label applies
// to its revision, all descendants, and ancestors up to the nearest branch
// point or merge point.
//
// Labels are appended as they come and made a sorted set at the end:
// checking each one against the node's labels so far made a chain of
// labelled revisions (every one of which carries every label) cost the
// cube of its length.
func (g *Graph) spreadLabels() {
	add := func(i int, labels []string) {
		g.Labels[i] = append(g.Labels[i], labels...)
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
	for i := range g.Labels {
		slices.Sort(g.Labels[i])
		g.Labels[i] = slices.Clip(slices.Compact(g.Labels[i]))
	}
}

// SharesBranch reports whether two nodes are on the same branch: both
// unlabelled, or sharing a label.
func (g *Graph) SharesBranch(a, b int) bool {
	la, lb := g.Labels[a], g.Labels[b]
	if len(la) == 0 && len(lb) == 0 {
		return true
	}
	for _, l := range la {
		if slices.Contains(lb, l) {
			return true
		}
	}
	return false
}

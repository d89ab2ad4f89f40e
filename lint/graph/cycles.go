package graph

import "slices"

// findCycles returns each elementary cycle reachable by following edges,
// found with a colouring depth-first search; a cycle is reported once,
// rotated to start at its smallest node.
func findCycles(edges [][]int) [][]int {
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(edges))
	var cycles [][]int
	seen := map[string]bool{}
	var path []int
	var visit func(n int)
	visit = func(n int) {
		colour[n] = grey
		path = append(path, n)
		for _, m := range edges[n] {
			switch colour[m] {
			case white:
				visit(m)
			case grey:
				start := slices.Index(path, m)
				cycle := rotateToMin(slices.Clone(path[start:]))
				key := fmtKey(cycle)
				if !seen[key] {
					seen[key] = true
					cycles = append(cycles, cycle)
				}
			}
		}
		path = path[:len(path)-1]
		colour[n] = black
	}
	for n := range edges {
		if colour[n] == white {
			visit(n)
		}
	}
	return cycles
}

func rotateToMin(c []int) []int {
	i := slices.Index(c, slices.Min(c))
	return append(c[i:], c[:i]...)
}

func fmtKey(c []int) string {
	b := make([]byte, 0, len(c)*4)
	for _, n := range c {
		b = append(b, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	}
	return string(b)
}

package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/report"
)

func runGraph(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlagSet("graph", stderr, &o)
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return exitError
	}
	path, err := onePath(positional)
	if err != nil {
		return fail(stderr, err)
	}
	if o.format != "text" && o.format != "json" {
		return fail(stderr, fmt.Errorf("graph prints text or json, not %q", o.format))
	}
	dir, err := workingDir()
	if err != nil {
		return fail(stderr, err)
	}
	paths := pathsFor(dir)
	// The graph needs only module-level metadata: no file is fully parsed.
	l, err := loadProject(ctx, dir, path, &o, true)
	if err != nil {
		return fail(stderr, err)
	}
	printNotices(stderr, l.Notices, paths)
	if ctx.Err() != nil {
		return exitError // interrupted: no output
	}
	if o.format == "json" {
		err = writeGraphJSON(stdout, l.Project, paths)
	} else {
		err = writeGraphText(stdout, l.Project, paths)
	}
	if err != nil {
		return fail(stderr, err)
	}
	if cycles := l.Project.Graph.Cycles; len(cycles) > 0 {
		// Alembic refuses such a graph ("Cycle is detected in
		// revisions"): it has no history to print, as check says (ML105).
		fmt.Fprintf(stderr, "migrate-lint: the revision graph has a cycle (%d in all): every alembic command fails; run check for where (ML105)\n", len(cycles))
		return exitFindings
	}
	return exitOK
}

type graphRevision struct {
	Revision      string   `json:"revision"`
	DownRevisions []string `json:"down_revisions"`
	BranchLabels  []string `json:"branch_labels"`
	DependsOn     []string `json:"depends_on"`
	Path          string   `json:"path"`
	Line          int      `json:"line"`
}

func writeGraphJSON(w io.Writer, p *lint.Project, paths report.Paths) error {
	g := p.Graph
	out := struct {
		Revisions []graphRevision `json:"revisions"`
		Heads     []string        `json:"heads"`
		Bases     []string        `json:"bases"`
		Cycles    [][]string      `json:"cycles,omitempty"`
		// Unplaced are files whose revision or down_revision is
		// computed: where they belong is unknown (ML004).
		Unplaced []string `json:"unplaced,omitempty"`
	}{Revisions: []graphRevision{}, Heads: ids(p, g.Heads), Bases: ids(p, g.Bases)}
	for _, r := range p.Unplaced {
		out.Unplaced = append(out.Unplaced, paths.Display(r.File))
	}
	for _, c := range g.Cycles {
		out.Cycles = append(out.Cycles, ids(p, c))
	}
	for _, n := range g.Topological() {
		r := p.RevisionAt(n)
		out.Revisions = append(out.Revisions, graphRevision{
			Revision: r.ID, DownRevisions: nonNil(r.DownRevisions), BranchLabels: nonNil(r.BranchLabels),
			DependsOn: nonNil(r.DependsOn), Path: paths.Display(r.File), Line: max(r.IDSpan.Line, 1),
		})
	}
	return report.EncodeJSON(w, out, true)
}

func ids(p *lint.Project, nodes []int) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, p.RevisionAt(n).ID)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeGraphText prints what `alembic heads`, `alembic branches` and
// `alembic history` would, newest first.
func writeGraphText(w io.Writer, p *lint.Project, paths report.Paths) error {
	g := p.Graph
	section := func(title string, nodes []int) {
		fmt.Fprintf(w, "%s (%d):\n", title, len(nodes))
		for _, n := range nodes {
			r := p.RevisionAt(n)
			fmt.Fprintf(w, "  %s%s  %s  (%s)\n", report.EscapeTerminal(r.ID), labels(g.Labels[n]), report.EscapeTerminal(r.Message), report.EscapeTerminal(paths.Display(r.File)))
		}
	}
	section("Heads", g.Heads)
	section("Bases", g.Bases)
	section("Branch points", g.BranchPoints)
	section("Merges", g.MergePoints)
	onCycle := map[int]bool{}
	if len(g.Cycles) > 0 {
		fmt.Fprintf(w, "Cycles (%d):\n", len(g.Cycles))
		for _, c := range g.Cycles {
			fmt.Fprintf(w, "  %s -> %s\n", strings.Join(ids(p, c), " -> "), p.RevisionAt(c[0]).ID)
			for _, n := range c {
				onCycle[n] = true
			}
		}
	}
	if len(p.Unplaced) > 0 {
		fmt.Fprintf(w, "Not placed, revision or down_revision is computed (%d):\n", len(p.Unplaced))
		for _, r := range p.Unplaced {
			fmt.Fprintf(w, "  %s\n", paths.Display(r.File))
		}
	}
	order := g.Topological()
	fmt.Fprintf(w, "History (%d revisions, newest first):\n", len(order))
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		r := p.RevisionAt(n)
		parent := "<base>"
		if len(r.DownRevisions) > 0 {
			parent = report.EscapeTerminal(strings.Join(r.DownRevisions, ", "))
		}
		var marks []string
		if len(g.Children(n)) == 0 {
			marks = append(marks, "(head)")
		}
		if len(g.Children(n)) > 1 {
			marks = append(marks, "(branchpoint)")
		}
		if len(g.Parents(n)) > 1 {
			marks = append(marks, "(mergepoint)")
		}
		if onCycle[n] {
			marks = append(marks, "(cycle)")
		}
		mark := ""
		if len(marks) > 0 {
			mark = " " + strings.Join(marks, " ")
		}
		fmt.Fprintf(w, "  %s -> %s%s%s, %s\n", parent, report.EscapeTerminal(r.ID), labels(g.Labels[n]), mark, report.EscapeTerminal(r.Message))
	}
	return nil
}

func labels(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return " (" + report.EscapeTerminal(strings.Join(ls, ", ")) + ")"
}

package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func runRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return fail(stderr, fmt.Errorf("rules takes no arguments; `migrate-lint explain ID` shows one rule"))
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tDIALECTS\tSINCE\tTITLE")
	for _, r := range registry().All() {
		severity := r.Severity.String()
		if r.OptIn {
			severity += " (opt-in)"
		}
		dialects := "all"
		if len(r.Dialects) > 0 {
			dialects = r.DialectNames()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, severity, dialects, r.Since, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return fail(stderr, fmt.Errorf("explain takes one rule ID or name, e.g. `migrate-lint explain ML401`"))
	}
	r, ok := registry().Lookup(args[0])
	if !ok {
		return fail(stderr, fmt.Errorf("no rule %q: `migrate-lint rules` lists them", args[0]))
	}
	optIn := ""
	if r.OptIn {
		optIn = ", opt-in: select it by name to run it"
	}
	fmt.Fprintf(stdout, "%s %s (%s; %s; since %s%s)\n\n%s\n\nProblem\n\n%s\n\nSolution\n\n%s\n\nExample\n\n%s\n",
		r.ID, r.Name, r.Severity, r.DialectNames(), r.Since, optIn, r.Title, r.Doc.Problem, r.Doc.Solution, indent(r.Doc.Code()))
	return exitOK
}

func indent(code string) string {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/report"
	"github.com/migrate-lint/migrate-lint/rules"
)

func registry() *lint.Registry { return rules.Registry() }

// runCheck lints; sandboxOnly is the sandbox command, which reports only
// what the sandbox measures.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer, sandboxOnly bool) int {
	var o options
	name := "check"
	if sandboxOnly {
		name = "sandbox"
	}
	fs := newFlagSet(name, stderr, &o)
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return exitError
	}
	path, err := onePath(positional)
	if err != nil {
		return fail(stderr, err)
	}
	outputs, err := parseOutputs(o.format, o.outputs)
	if err != nil {
		return fail(stderr, err)
	}
	l, err := load(path, &o, nil, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	if sandboxOnly {
		o.sandbox = true
		if len(o.selects) == 0 {
			l.config.Select = []string{"ML6"}
		}
	}
	diags, rep, err := lintProject(ctx, l, &o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	color := o.format == "text" && !o.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(stdout)
	if err := report.Write(stdout, o.format, rep, report.Options{Color: color}); err != nil {
		return fail(stderr, err)
	}
	for _, out := range outputs {
		if err := writeOutput(out, rep); err != nil {
			return fail(stderr, err)
		}
	}
	return verdict(diags, l.config.FailLevel)
}

// lintProject runs the rules, and the sandbox when asked, and builds the
// report every output is written from.
func lintProject(ctx context.Context, l *loaded, o *options, stderr io.Writer) ([]lint.Diagnostic, *report.Report, error) {
	var measured []lint.Diagnostic
	var sandboxRun *report.SandboxRun
	if o.sandbox {
		res, err := runSandbox(ctx, l, o, stderr)
		if err != nil {
			return nil, nil, fmt.Errorf("sandbox: %w", err)
		}
		measured, sandboxRun = res.Diagnostics, sandboxTable(res)
	}
	diags := lint.RunWith(l.project, registry(), &l.config, measured)
	rep := newReport(l, diags)
	rep.Sandbox = sandboxRun
	return diags, rep, nil
}

func newReport(l *loaded, diags []lint.Diagnostic) *report.Report {
	rep := &report.Report{
		ToolName: "migrate-lint", ToolVersion: version, Dialect: l.config.Dialect,
		Diagnostics: diags, Files: l.files, Sources: map[string][]string{},
	}
	for _, r := range registry().All() {
		if l.config.Enabled(r) {
			rep.Rules = append(rep.Rules, r)
		}
	}
	for path, lines := range l.project.Sources {
		rep.Sources[path] = lines
	}
	for _, r := range l.project.Revisions {
		if r.HasID {
			rep.Revisions++
		}
		rep.Sources[r.Path] = r.Lines
	}
	return rep
}

// verdict is 1 when a finding reaches the fail level.
func verdict(diags []lint.Diagnostic, failLevel lint.Severity) int {
	if failLevel == lint.SeverityNone {
		return exitOK
	}
	for _, d := range diags {
		if d.Severity >= failLevel {
			return exitFindings
		}
	}
	return exitOK
}

type output struct{ format, path string }

func parseOutputs(format string, specs []string) ([]output, error) {
	if !report.KnownFormat(format) {
		return nil, fmt.Errorf("unknown --format %q: use one of %s", format, strings.Join(report.Formats(), ", "))
	}
	var outs []output
	for _, spec := range specs {
		f, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" || !report.KnownFormat(f) {
			return nil, fmt.Errorf("--output %q: write FORMAT=FILE with FORMAT one of %s", spec, strings.Join(report.Formats(), ", "))
		}
		outs = append(outs, output{f, path})
	}
	return outs, nil
}

func writeOutput(out output, rep *report.Report) error {
	f, err := os.Create(out.path)
	if err != nil {
		return fmt.Errorf("--output %s: %w", out.path, err)
	}
	if err := report.Write(f, out.format, rep, report.Options{}); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out.path, err)
	}
	return f.Close()
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "migrate-lint: %v\n", err)
	return exitError
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/report"
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
	dir, err := workingDir()
	if err != nil {
		return fail(stderr, err)
	}
	paths := pathsFor(dir)
	l, err := loadProject(ctx, dir, path, &o, false)
	if err != nil {
		return fail(stderr, err)
	}
	printNotices(stderr, l.Notices, paths)
	if sandboxOnly {
		o.sandbox = true
		if len(o.selects) == 0 {
			l.Config.Select = []string{"ML6"}
		}
	}
	diags, rep, err := lintProject(ctx, l, &o, paths, stderr)
	if err != nil && rep == nil {
		return fail(stderr, err)
	}
	// A sandbox that could not run still leaves the static findings to
	// print; the exit code then says the run is incomplete.
	sandboxErr := err
	rep.Paths = paths
	if ctx.Err() != nil {
		return exitError // interrupted: no report at all
	}
	code := verdict(diags, l.Config.FailLevel)
	// The findings decide the exit code; a report that cannot be written
	// is a warning, as for every reporting failure.
	color := o.format == "text" && !o.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(stdout)
	if err := report.Write(stdout, o.format, rep, report.Options{Color: color}); err != nil {
		fmt.Fprintf(stderr, "migrate-lint: warning: cannot write the report: %v\n", err)
	}
	for _, out := range outputs {
		if err := writeOutput(out, rep); err != nil {
			fmt.Fprintf(stderr, "migrate-lint: warning: %v\n", err)
		}
	}
	if sandboxErr != nil {
		return fail(stderr, sandboxErr)
	}
	return code
}

// lintProject runs the rules, and the sandbox when asked, and builds the
// report every output is written from. When the sandbox fails, the report
// of everything else comes back with the error.
func lintProject(ctx context.Context, l *load.Result, o *options, paths report.Paths, stderr io.Writer) ([]lint.Diagnostic, *report.Report, error) {
	var measured []lint.Diagnostic
	var sandboxRun *report.SandboxRun
	var sandboxErr error
	if o.sandbox {
		res, err := runSandbox(ctx, l, o, stderr)
		if err != nil {
			sandboxErr = fmt.Errorf("sandbox: %w", err)
		} else {
			measured, sandboxRun = res.Diagnostics, sandboxTable(res, paths)
			printNotices(stderr, sandboxNotices(res), paths)
		}
	}
	diags, err := lint.RunContext(ctx, l.Project, registry(), &l.Config, measured)
	if err != nil {
		return nil, nil, err
	}
	rep := newReport(l, diags)
	rep.Paths = paths
	rep.Sandbox = sandboxRun
	addSources(rep, measured, l.Layout.Files())
	return diags, rep, sandboxErr
}

func newReport(l *load.Result, diags []lint.Diagnostic) *report.Report {
	rep := &report.Report{
		ToolName: "migrate-lint", ToolVersion: version, Dialect: string(l.Config.Dialect),
		Diagnostics: diags, Files: l.Files, Sources: map[string][]string{},
	}
	for _, r := range registry().All() {
		if l.Config.Enabled(r) && l.Config.Applies(r) {
			rep.Rules = append(rep.Rules, r)
		}
	}
	for file, lines := range l.Project.Sources {
		rep.Sources[file] = lines
	}
	for _, r := range l.Project.Revisions {
		if r.HasID {
			rep.Revisions++
		}
		rep.Sources[r.File] = r.Lines
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

// writeOutput writes a format to a file through a temporary file beside
// it, renamed into place once complete: a reader never sees half a
// report, and two runs never interleave in one file.
func writeOutput(out output, rep *report.Report) error {
	dir, name := filepath.Split(out.path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", out.path, err)
	}
	err = report.Write(f, out.format, rep, report.Options{})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), out.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cannot write %s: %w", out.path, err)
	}
	return nil
}

// fail prints an error and returns the exit code for it. The error may
// hold a file name of the pull request or a traceback: each of its lines
// is escaped (report.EscapeTerminal) and the following ones indented.
func fail(stderr io.Writer, err error) int {
	if errors.Is(err, context.Canceled) {
		return exitError // an interrupted run says so once, on its way out (exitCode)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(err.Error(), "\r\n", "\n"), "\n"), "\n")
	for i, l := range lines {
		lines[i] = report.EscapeTerminal(l)
	}
	fmt.Fprintf(stderr, "migrate-lint: %s\n", strings.Join(lines, "\n  "))
	return exitError
}

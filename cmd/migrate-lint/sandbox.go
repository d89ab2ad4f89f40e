package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/report"
	"github.com/migrate-lint/migrate-lint/sandbox"
)

// runSandbox runs the stairway over the revisions under lint, with flags
// over the [sandbox] settings.
func runSandbox(ctx context.Context, l *load.Result, o *options, stderr io.Writer) (*sandbox.Result, error) {
	if os.Getenv("GITHUB_EVENT_NAME") == "pull_request_target" && !o.allowUntrusted {
		return nil, fmt.Errorf("refusing to run under pull_request_target: it would execute the pull request's code with a privileged token; use the pull_request event, or pass --allow-pull-request-target if the code is trusted")
	}
	if l.Layout.ScriptDir == "" {
		return nil, fmt.Errorf("the sandbox needs the script directory (env.py): pass alembic.ini, pyproject.toml or the migrations directory")
	}
	s := l.Settings.Sandbox
	opts := sandbox.Options{
		Project:        l.Project,
		Targets:        l.Project.Targets(),
		Dialect:        l.Config.Dialect,
		DialectAssumed: l.Config.DialectAssumed,
		DatabaseURL:    firstNonEmpty(o.databaseURL, s.DatabaseURL),
		Image:          firstNonEmpty(o.image, s.Image),
		Python:         firstNonEmpty(o.python, s.Python, "python3"),
		StepTimeout:    o.timeout,
		URLEnv:         s.URLEnv,
		Dir:            l.Layout.Root,
		ScriptLocation: l.Layout.ScriptDir,
		Progress:       stderr,
	}
	if opts.StepTimeout == 0 && s.Timeout != "" {
		d, err := time.ParseDuration(s.Timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("[sandbox] timeout %q is not a duration (write e.g. \"5m\")", s.Timeout)
		}
		opts.StepTimeout = d
	}
	switch filepath.Base(l.Layout.ConfigFile) {
	case "":
	case "pyproject.toml":
		opts.TOMLFile = l.Layout.ConfigFile
	default:
		opts.ConfigFile = l.Layout.ConfigFile
	}
	opts.VersionLocations = append(opts.VersionLocations, l.Layout.VersionDirs...)
	return sandbox.Run(ctx, opts)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// sandboxTable converts the result for the report.
func sandboxTable(res *sandbox.Result, paths report.Paths) *report.SandboxRun {
	run := &report.SandboxRun{Provider: res.Provider, Revisions: []report.SandboxRevision{}}
	for _, r := range res.Revisions {
		row := report.SandboxRevision{
			Revision: r.Revision, Path: paths.Display(r.File), Status: r.Status,
			UpgradeMs: r.UpgradeMs, DowngradeMs: r.DowngradeMs, ReupgradeMs: r.ReupgradeMs,
			Locks: []report.SandboxEffect{}, Rewrites: []report.SandboxEffect{},
		}
		for _, lk := range r.Locks {
			row.Locks = append(row.Locks, report.SandboxEffect{Table: lk.Table, Mode: lk.Mode, Statement: lk.Statement})
		}
		for _, rw := range r.Rewrites {
			row.Rewrites = append(row.Rewrites, report.SandboxEffect{Table: rw.Table, Statement: rw.Statement})
		}
		run.Revisions = append(run.Revisions, row)
	}
	return run
}

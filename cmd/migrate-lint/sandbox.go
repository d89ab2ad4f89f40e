package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/migrate-lint/migrate-lint/lint/report"
	"github.com/migrate-lint/migrate-lint/sandbox"
)

// runSandbox runs the stairway over the revisions under lint, with flags
// over the [sandbox] settings.
func runSandbox(ctx context.Context, l *loaded, o *options, stderr io.Writer) (*sandbox.Result, error) {
	if os.Getenv("GITHUB_EVENT_NAME") == "pull_request_target" && !o.allowUntrusted {
		return nil, fmt.Errorf("refusing to run under pull_request_target: it would execute the pull request's code with a privileged token; use the pull_request event, or pass --allow-pull-request-target if the code is trusted")
	}
	if l.layout.ScriptDir == "" {
		return nil, fmt.Errorf("the sandbox needs the script directory (env.py): pass alembic.ini, pyproject.toml or the migrations directory")
	}
	s := sandboxSettings(l.settings.Sandbox)
	opts := sandbox.Options{
		Project:     l.project,
		Targets:     l.project.Targets(),
		Dialect:     l.config.Dialect,
		DatabaseURL: firstNonEmpty(o.databaseURL, s["database-url"]),
		Image:       firstNonEmpty(o.image, s["image"]),
		Python:      firstNonEmpty(o.python, s["python"], "python3"),
		StepTimeout: o.timeout,
		Dir:         l.layout.Root,
		Progress:    stderr,
	}
	if opts.StepTimeout == 0 && s["timeout"] != "" {
		d, err := time.ParseDuration(s["timeout"])
		if err != nil {
			return nil, fmt.Errorf("[sandbox] timeout %q: %v (write e.g. \"5m\")", s["timeout"], err)
		}
		opts.StepTimeout = d
	}
	if env, ok := l.settings.Sandbox["url-env"].([]any); ok {
		for _, e := range env {
			if name, ok := e.(string); ok {
				opts.URLEnv = append(opts.URLEnv, name)
			}
		}
	}
	switch filepath.Base(l.layout.ConfigFile) {
	case "":
	case "pyproject.toml":
		opts.TOMLFile, _ = filepath.Abs(l.layout.ConfigFile)
	default:
		opts.ConfigFile, _ = filepath.Abs(l.layout.ConfigFile)
	}
	opts.ScriptLocation, _ = filepath.Abs(l.layout.ScriptDir)
	for _, d := range l.layout.VersionDirs {
		abs, _ := filepath.Abs(d)
		opts.VersionLocations = append(opts.VersionLocations, abs)
	}
	if opts.DatabaseURL == "" && opts.Dialect == "sqlite" {
		return nil, fmt.Errorf("the sandbox runs on PostgreSQL, MySQL or MariaDB; this project's dialect is sqlite (pass --dialect or --database-url)")
	}
	return sandbox.Run(ctx, opts)
}

// sandboxSettings reads the string values of the [sandbox] table.
func sandboxSettings(table map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range table {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// sandboxTable converts the result for the report.
func sandboxTable(res *sandbox.Result) *report.SandboxRun {
	run := &report.SandboxRun{Provider: res.Provider, Revisions: []report.SandboxRevision{}}
	for _, r := range res.Revisions {
		row := report.SandboxRevision{
			Revision: r.Revision, Path: r.Path, Status: r.Status,
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

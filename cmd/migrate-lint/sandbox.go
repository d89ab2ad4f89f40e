package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/files"
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
		NoRows:         o.noRows || (s.Rows != nil && !*s.Rows),
		Progress:       stderr,
	}
	if opts.StepTimeout == 0 && s.Timeout != "" {
		d, err := time.ParseDuration(s.Timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("[sandbox] timeout %q is not a duration (write e.g. \"5m\")", s.Timeout)
		}
		opts.StepTimeout = d
	}
	if s.Seed != "" {
		opts.Seed = s.Seed
		if !filepath.IsAbs(opts.Seed) && l.Settings.Path != "" {
			opts.Seed = filepath.Join(filepath.Dir(l.Settings.Path), opts.Seed)
		}
	}
	switch filepath.Base(l.Layout.ConfigFile) {
	case "":
	case "pyproject.toml":
		opts.TOMLFile = l.Layout.ConfigFile
	default:
		opts.ConfigFile = l.Layout.ConfigFile
	}
	opts.VersionLocations = append(opts.VersionLocations, l.Layout.VersionDirs...)
	opts.Models = wantModels(&l.Config, o.models || s.Models)
	opts.OfflineSQL = wantOfflineSQL(l, o.offlineSQL, s.OfflineSQL, stderr)
	return sandbox.Run(ctx, opts)
}

// wantModels decides whether the sandbox compares the models (ML608, an
// opt-in rule): --models or [sandbox] models = true select it, and so does
// --select ML608; --ignore ML608 wins over both.
func wantModels(cfg *lint.Config, asked bool) bool {
	rule, _ := registry().Lookup(lint.ModelDriftID)
	if asked && !cfg.Enabled(rule) {
		if len(cfg.Select) == 0 {
			cfg.Select = []string{"ALL"}
		}
		cfg.Select = append(cfg.Select, lint.ModelDriftID)
	}
	return cfg.Enabled(rule)
}

// wantOfflineSQL decides whether each revision is also rendered as offline
// SQL (ML609): as --offline-sql or [sandbox] offline-sql say, and without
// either, when the project shows that it uses offline mode.
func wantOfflineSQL(l *load.Result, flag optionalBool, setting *bool, stderr io.Writer) bool {
	rule, _ := registry().Lookup(lint.OfflineSQLID)
	if !l.Config.Enabled(rule) {
		return false
	}
	switch {
	case flag.set:
		return flag.value
	case setting != nil:
		return *setting
	}
	why := usesOfflineMode(l)
	if why != "" {
		fmt.Fprintf(stderr, "migrate-lint: notice: the project uses offline mode (%s): the sandbox also renders each revision with upgrade --sql (ML609; --offline-sql=false turns it off)\n", why)
	}
	return why != ""
}

// usesOfflineMode says why the project looks like it generates offline SQL:
// a revision that checks for offline mode, or alembic.ini's
// output_encoding, which only `--sql` uses. "" when nothing shows it.
func usesOfflineMode(l *load.Result) string {
	for _, r := range l.Project.Revisions {
		for _, line := range r.Lines {
			if strings.Contains(line, "is_offline_mode(") || strings.Contains(line, ".as_sql") {
				return fmt.Sprintf("%s checks for it", l.Project.Rel(r.File))
			}
		}
	}
	if setup := l.Project.Setup; setup != nil {
		for _, st := range setup.Settings {
			if st.Key == "output_encoding" {
				return "alembic.ini sets output_encoding"
			}
		}
	}
	return ""
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// addSources gives the report the lines of files the sandbox reported on
// that the project does not hold (a model module), to show the line. They
// are read as the loader reads: only inside the repository, so a
// traceback through an installed package shows no line of it.
func addSources(rep *report.Report, measured []lint.Diagnostic, r *files.Reader) {
	for _, d := range measured {
		if _, ok := rep.Sources[d.File]; ok {
			continue
		}
		if data, _, err := r.Read(d.File, alembic.MaxFileSize); err == nil {
			rep.Sources[d.File] = python.Lines(data) // as the loader splits them: CRLF too
		}
	}
}

// sandboxNotices are the sandbox's notices in the loader's form, for
// printNotices.
func sandboxNotices(res *sandbox.Result) []load.Notice {
	var out []load.Notice
	for _, n := range res.Notices {
		out = append(out, load.Notice{Message: "sandbox: " + n})
	}
	return out
}

// sandboxTable converts the result for the report.
func sandboxTable(res *sandbox.Result, paths report.Paths) *report.SandboxRun {
	run := &report.SandboxRun{Provider: res.Provider, Revisions: []report.SandboxRevision{}, Notices: res.Notices}
	for _, r := range res.Revisions {
		row := report.SandboxRevision{
			Revision: r.Revision, Path: paths.Display(r.File), Status: r.Status,
			UpgradeMs: r.UpgradeMs, DowngradeMs: r.DowngradeMs, ReupgradeMs: r.ReupgradeMs,
			Locks: []report.SandboxEffect{}, Rewrites: []report.SandboxEffect{},
			Rows: r.Rows, RowsMs: r.RowsMs, OfflineMs: r.OfflineMs, Skipped: []report.SandboxSkipped{},
		}
		for _, sk := range r.Skipped {
			row.Skipped = append(row.Skipped, report.SandboxSkipped{Table: sk.Table, Reason: sk.Reason})
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

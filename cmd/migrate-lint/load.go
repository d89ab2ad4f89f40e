package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/alembic"
	"github.com/migrate-lint/migrate-lint/lint/changeset"
	"github.com/migrate-lint/migrate-lint/lint/config"
)

// loaded is a project read from disk and the settings that apply to it.
type loaded struct {
	layout   *alembic.Layout
	settings *config.File
	project  *lint.Project
	files    int
	config   lint.Config
}

// load discovers the project, reads its settings and parses its files.
// full reports whether a file needs the full parse; nil means every file.
func load(path string, o *options, full func(string) bool, stderr io.Writer) (*loaded, error) {
	layout, err := alembic.Discover(path)
	if err != nil {
		return nil, err
	}
	settings, err := config.Load(o.configPath, layout.Root, ".")
	if err != nil {
		return nil, err
	}
	cfg, err := effectiveConfig(o, settings, layout, stderr)
	if err != nil {
		return nil, err
	}
	files, notices, err := alembic.ReadVersionFiles(layout)
	for _, n := range notices {
		fmt.Fprintf(stderr, "migrate-lint: warning: %s: %s\n", alembic.DisplayPath(n.Path), n.Message)
	}
	if err != nil {
		return nil, err
	}
	revs := alembic.ParseFiles(files, full)
	p := lint.NewProject(revs)
	p.Dialect = cfg.Dialect
	if full == nil {
		// Only check needs the configuration facts; graph stays fast.
		p.Config, p.Sources = alembic.ReadProjectConfig(layout)
	}
	targets, err := selectTargets(p, settings, settingsDir(settings, layout))
	if err != nil {
		return nil, err
	}
	if targets != nil {
		p.SetTargets(targets)
	}
	if o.base != "" {
		// Change-set mode: rules report on the added and modified
		// revisions; the graph checks still see every revision.
		others := []string{layout.ConfigFile}
		if layout.ScriptDir != "" {
			others = append(others, filepath.Join(layout.ScriptDir, "env.py"))
		}
		cs, err := changeset.FromGit(layout.Root, o.base, layout.VersionDirs, others...)
		if err != nil {
			return nil, err
		}
		p.Base = cs.BaseBranch(alembic.DisplayPath)
		changed := cs.Targets()
		var inChange []*lint.Revision
		for _, r := range p.Targets() {
			abs, _ := filepath.Abs(r.Path)
			if real, err := filepath.EvalSymlinks(abs); err == nil && changed[real] {
				inChange = append(inChange, r)
			}
		}
		p.SetTargets(inChange)
	}
	return &loaded{layout: layout, settings: settings, project: p, files: len(files), config: cfg}, nil
}

// effectiveConfig merges flags over the settings file, and works out the
// dialect: flag, then settings, then sqlalchemy.url, then PostgreSQL with
// a notice.
func effectiveConfig(o *options, s *config.File, layout *alembic.Layout, stderr io.Writer) (lint.Config, error) {
	cfg := lint.Config{
		Dialect:          firstNonEmpty(o.dialect, s.Dialect),
		TargetVersion:    firstNonEmpty(o.targetVersion, s.TargetVersionString()),
		Select:           append(append([]string{}, s.Select...), o.selects...),
		Ignore:           append(append([]string{}, s.Ignore...), o.ignores...),
		FailLevel:        lint.SeverityError,
		LockTimeoutInEnv: s.LockTimeoutInEnv,
		Severity:         map[string]lint.Severity{},
	}
	if len(o.selects) > 0 {
		cfg.Select = o.selects // a --select on the command line replaces the file's
	}
	if level := firstNonEmpty(o.failLevel, s.FailLevel); level != "" {
		sev, err := lint.ParseSeverity(level)
		if err != nil {
			return cfg, fmt.Errorf("fail-level: %w", err)
		}
		cfg.FailLevel = sev
	}
	for sel, level := range s.Severity {
		sev, err := lint.ParseSeverity(level)
		if err != nil {
			return cfg, fmt.Errorf("%s: [severity] %s: %w", s.Path, sel, err)
		}
		cfg.Severity[sel] = sev
	}
	reg := registry()
	for _, list := range [][]string{cfg.Select, cfg.Ignore} {
		if err := reg.ValidateSelectors(list); err != nil {
			return cfg, err
		}
	}
	for sel := range cfg.Severity {
		if err := reg.ValidateSelectors([]string{sel}); err != nil {
			return cfg, fmt.Errorf("%s: [severity]: %w", s.Path, err)
		}
	}
	if cfg.Dialect == "" {
		cfg.Dialect = alembic.Dialect(layout.URL)
	}
	switch cfg.Dialect {
	case "postgresql", "mysql", "mariadb", "sqlite":
	case "":
		cfg.Dialect = "postgresql"
		fmt.Fprintln(stderr, "migrate-lint: notice: the database dialect is not known (no --dialect, no dialect setting, no recognisable sqlalchemy.url): PostgreSQL rules apply")
	default:
		return cfg, fmt.Errorf("unknown dialect %q: use postgresql, mysql, mariadb or sqlite", cfg.Dialect)
	}
	return cfg, nil
}

// selectTargets applies `exclude` and `baseline`: excluded files and the
// baseline with its ancestors stay in the graph but are not linted. nil
// means every revision.
func selectTargets(p *lint.Project, s *config.File, root string) ([]*lint.Revision, error) {
	if len(s.Exclude) == 0 && s.Baseline == "" {
		return nil, nil
	}
	old := make([]bool, len(p.Graph.Nodes))
	if s.Baseline != "" {
		node, ok := p.Graph.Lookup(s.Baseline)
		if !ok {
			return nil, fmt.Errorf("%s: baseline %q is not a revision of this project", s.Path, s.Baseline)
		}
		old = p.Graph.Ancestors(node)
		old[node] = true
	}
	var targets []*lint.Revision
	for _, r := range p.Revisions {
		if n := p.NodeOf(r); n >= 0 && old[n] {
			continue
		}
		if excluded(r, s.Exclude, root) {
			continue
		}
		targets = append(targets, r)
	}
	return targets, nil
}

// settingsDir is where exclude patterns are relative to: the settings
// file's directory, else the project root.
func settingsDir(s *config.File, l *alembic.Layout) string {
	if s.Path != "" {
		dir, _ := filepath.Abs(filepath.Dir(s.Path))
		return dir
	}
	return l.Root
}

// excluded matches a revision id, or a glob or directory prefix on the
// path relative to root or on the file name.
func excluded(r *lint.Revision, patterns []string, root string) bool {
	abs, _ := filepath.Abs(r.Path)
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		rel = r.Path
	}
	rel = filepath.ToSlash(rel)
	for _, pat := range patterns {
		pat = filepath.ToSlash(strings.TrimSpace(pat))
		if r.ID != "" && pat == r.ID {
			return true
		}
		for _, candidate := range []string{rel, r.Path, filepath.Base(r.Path)} {
			if ok, _ := filepath.Match(pat, candidate); ok {
				return true
			}
		}
		if strings.HasPrefix(rel, strings.TrimSuffix(pat, "/")+"/") {
			return true
		}
	}
	return false
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// isTerminal reports whether f is a character device, for colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

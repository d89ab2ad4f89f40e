package load

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/changeset"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// chooseTargets applies `exclude` and `baseline`, then the change set:
// excluded files and the baseline with its ancestors stay in the graph but
// are not linted; with --base (or a pull request's file list) only the
// added and modified revisions are. nil means every revision. In
// change-set mode it also records the base branch on the project.
func chooseTargets(req Request, p *lint.Project, s *settings.File, layout *alembic.Layout, pending *pendingChangeSet) ([]string, error) {
	var targets []string
	restricted := false
	if len(s.Exclude) > 0 || s.Baseline != "" {
		restricted = true
		old := make([]bool, len(p.Graph.Nodes))
		if s.Baseline != "" {
			node, ok := p.Graph.Lookup(s.Baseline)
			if !ok {
				return nil, fmt.Errorf("%s: baseline %q is not a revision of this project", s.Path, s.Baseline)
			}
			old = p.Graph.Ancestors(node)
			old[node] = true
		}
		root := settingsDir(s, layout)
		targets = []string{}
		for _, r := range p.Revisions {
			if n := p.NodeOf(r); n >= 0 && old[n] {
				continue
			}
			if excluded(r, s.Exclude, root) {
				continue
			}
			targets = append(targets, r.File)
		}
	}
	var changed map[string]bool
	switch {
	case req.Base != "":
		// Rules report on the added and modified revisions; the graph
		// checks still see every revision.
		cs, err := pending.wait(p.Revisions)
		if err != nil {
			return nil, err
		}
		p.Base = cs.BaseBranch(p.Revisions)
		changed = cs.Targets()
		notInGit := cs.NotInGit()
		p.Base.NotInGit = notInGit
		for file := range notInGit {
			changed[file] = true // an ignored file is the change's too
		}
	case req.ChangedFiles != nil:
		changed = map[string]bool{}
		for _, f := range req.ChangedFiles {
			changed[f] = true
		}
	default:
		if !restricted {
			return nil, nil
		}
		return targets, nil
	}
	var inChange []string
	for _, r := range p.Revisions {
		if changed[r.File] && (!restricted || contains(targets, r.File)) {
			inChange = append(inChange, r.File)
		}
	}
	if inChange == nil {
		inChange = []string{}
	}
	return inChange, nil
}

// pendingChangeSet is the change set of --base, read by git while the
// loader reads and scans the files.
type pendingChangeSet struct {
	started *changeset.Started
	err     error // from starting
}

// startChangeSet starts git on the change set of --base.
func startChangeSet(layout *alembic.Layout, base string) *pendingChangeSet {
	others := []string{layout.ConfigFile} // changeset skips it when empty
	if layout.ScriptDir != "" {
		others = append(others, filepath.Join(layout.ScriptDir, "env.py"))
	}
	p := &pendingChangeSet{}
	p.started, p.err = changeset.Start(layout.Root, base, layout.VersionDirs, others...)
	return p
}

// wait returns the change set once git has answered; worktree are the
// revision files read from the version locations.
func (p *pendingChangeSet) wait(worktree []*lint.Revision) (*changeset.ChangeSet, error) {
	if p.err != nil {
		return nil, p.err
	}
	files := make([]string, len(worktree))
	for i, r := range worktree {
		files[i] = r.File
	}
	return p.started.Wait(files)
}

// close waits for whatever git still runs, so that no git process
// outlives a load that failed before it needed the change set.
func (p *pendingChangeSet) close() {
	if p.started != nil {
		p.started.Close()
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// settingsDir is where exclude patterns are relative to: the settings
// file's directory, else the project root.
func settingsDir(s *settings.File, l *alembic.Layout) string {
	if s.Path != "" {
		if dir, err := filepath.Abs(filepath.Dir(s.Path)); err == nil {
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				return real
			}
			return dir
		}
	}
	return l.Root
}

// excluded matches a revision id, or a glob or directory prefix on the
// path relative to root or on the file name.
func excluded(r *lint.Revision, patterns []string, root string) bool {
	rel := lint.RelativeTo(root, r.File)
	for _, pat := range patterns {
		pat = filepath.ToSlash(strings.TrimSpace(pat))
		if r.ID != "" && pat == r.ID {
			return true
		}
		for _, candidate := range []string{rel, filepath.Base(r.File)} {
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

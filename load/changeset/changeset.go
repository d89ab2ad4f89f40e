// Package changeset works out which revision files a change adds, modifies
// and deletes, and what the version locations held on the base branch, so
// that rules report only on the change while the graph checks see all.
package changeset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/graph"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// ChangeSet is the difference between the merge base and the working tree.
type ChangeSet struct {
	// MergeBase is the commit the change starts from.
	MergeBase string
	// Added, Modified and Deleted are absolute paths of .py files under
	// the version locations.
	Added, Modified, Deleted []string
	// OtherChanged are the other files given to FromGit (configuration)
	// that the change adds or modifies.
	OtherChanged []string
	// BaseFiles holds the content of every .py file of the version
	// locations at the merge base, by absolute path.
	BaseFiles map[string][]byte
}

// FromGit compares the merge base of base and HEAD with the working tree
// (uncommitted edits count, as a developer expects before committing).
// others are further files (alembic.ini, env.py) whose change matters.
func FromGit(dir, base string, versionDirs []string, others ...string) (*ChangeSet, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--base needs a git checkout: %v", err)
	}
	top = strings.TrimSpace(top)
	mergeBase, err := git(dir, "merge-base", base, "HEAD")
	if err != nil {
		return nil, fmt.Errorf("--base %s: no merge base with HEAD (%v); fetch the base branch, e.g. git fetch origin %s", base, err, base)
	}
	cs := &ChangeSet{MergeBase: strings.TrimSpace(mergeBase), BaseFiles: map[string][]byte{}}
	var rels []string
	for _, d := range versionDirs {
		abs, _ := filepath.Abs(d)
		rel, err := filepath.Rel(realPath(top), realPath(abs))
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("version location %s is outside the git checkout %s", d, top)
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	out, err := git(top, append([]string{"diff", "--name-status", "--no-renames", "-z", cs.MergeBase, "--"}, rels...)...)
	if err != nil {
		return nil, err
	}
	fields := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		status, path := fields[i], filepath.Join(top, filepath.FromSlash(fields[i+1]))
		if !isRevisionFile(path) {
			continue
		}
		switch status[:1] {
		case "A":
			cs.Added = append(cs.Added, path)
		case "M", "T":
			cs.Modified = append(cs.Modified, path)
		case "D":
			cs.Deleted = append(cs.Deleted, path)
		}
	}
	// Untracked files are new revisions too (git diff does not list them).
	untracked, err := git(top, append([]string{"ls-files", "--others", "--exclude-standard", "-z", "--"}, rels...)...)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(strings.TrimSuffix(untracked, "\x00"), "\x00") {
		if path := filepath.Join(top, filepath.FromSlash(p)); p != "" && isRevisionFile(path) {
			cs.Added = append(cs.Added, path)
		}
	}
	for _, other := range others {
		abs, _ := filepath.Abs(other)
		rel, err := filepath.Rel(realPath(top), realPath(abs))
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		status, err := git(top, "status", "--porcelain", "--", filepath.ToSlash(rel))
		if err != nil {
			return nil, err
		}
		diff, err := git(top, "diff", "--name-only", cs.MergeBase, "--", filepath.ToSlash(rel))
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(status) != "" || strings.TrimSpace(diff) != "" {
			cs.OtherChanged = append(cs.OtherChanged, abs)
		}
	}
	if err := cs.readBase(top, rels); err != nil {
		return nil, err
	}
	return cs, nil
}

// readBase reads every revision file at the merge base with one
// `git cat-file --batch`.
func (cs *ChangeSet) readBase(top string, rels []string) error {
	list, err := git(top, append([]string{"ls-tree", "-r", "-z", "--name-only", cs.MergeBase, "--"}, rels...)...)
	if err != nil {
		return err
	}
	var paths []string
	for _, p := range strings.Split(strings.TrimSuffix(list, "\x00"), "\x00") {
		if p != "" && isRevisionFile(p) {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = top
	var in bytes.Buffer
	for _, p := range paths {
		fmt.Fprintf(&in, "%s:%s\n", cs.MergeBase, p)
	}
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git cat-file: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for _, p := range paths {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		parts := strings.Fields(header)
		if len(parts) != 3 {
			continue // "missing"
		}
		size, _ := strconv.Atoi(parts[2])
		data := make([]byte, size+1) // content and the newline after it
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("git cat-file: %v", err)
		}
		cs.BaseFiles[filepath.Join(top, filepath.FromSlash(p))] = data[:size]
	}
	return nil
}

func isRevisionFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".py") && base != "__init__.py" && !strings.Contains(filepath.ToSlash(path), "__pycache__/")
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %s", strings.Join(args[:1], " "), strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// realPath resolves symbolic links, so /tmp and /private/tmp compare equal.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// Targets reports whether a revision file (absolute path) is added or
// modified by the change.
func (cs *ChangeSet) Targets() map[string]bool {
	out := map[string]bool{}
	for _, p := range append(append([]string{}, cs.Added...), cs.Modified...) {
		out[realPath(p)] = true
	}
	return out
}

// BaseBranch reads the base branch's revisions (metadata only) into the
// facts the change-set rules judge, keyed by absolute real file as
// lint.Revision.File is.
func (cs *ChangeSet) BaseBranch() *lint.BaseBranch {
	b := &lint.BaseBranch{IDs: map[string]bool{}, Modified: map[string]bool{}, ChangedFiles: map[string]bool{}}
	for _, p := range cs.OtherChanged {
		b.ChangedFiles[realPath(p)] = true
	}
	var nodes []graph.Node
	idOf := map[string]string{}
	for path, data := range cs.BaseFiles {
		rev := python.ScanRevision(path, data)
		if !rev.HasID || rev.ID == "" {
			continue
		}
		b.IDs[rev.ID] = true
		idOf[realPath(path)] = rev.ID
		nodes = append(nodes, graph.Node{ID: rev.ID, Down: rev.DownRevisions, BranchLabels: rev.BranchLabels, DependsOn: rev.DependsOn})
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	g := graph.Build(nodes)
	for _, h := range g.Heads {
		b.Heads = append(b.Heads, g.Nodes[h].ID)
	}
	for _, p := range cs.Modified {
		b.Modified[realPath(p)] = true
	}
	for _, p := range cs.Deleted {
		b.Deleted = append(b.Deleted, lint.DeletedRevision{File: p, ID: idOf[realPath(p)]})
	}
	return b
}

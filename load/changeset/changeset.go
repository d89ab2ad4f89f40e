// Package changeset works out which revision files a change adds, modifies
// and deletes, and what the version locations hold on the base branch, so
// that rules report only on the change while the graph checks see all.
//
// The change is what the working tree holds against the merge base of the
// base branch and HEAD (uncommitted edits count, as a developer expects
// before committing). The base branch is read at its tip, not at the
// merge base: a revision another change merged there since this branch
// was made is what merging will meet (ML111).
//
// Everything comes from at most four git processes, whatever the size of
// the project, with NUL-separated output so that any file name is read
// right: the change (diff --raw --merge-base), the files git does not
// track (status), what the base branch changed since the merge base
// (diff-tree --merge-base), and the contents of the few base files that
// differ from the working tree (cat-file --batch, by object name). Files
// the base branch did not change are taken from the working tree, whose
// metadata the loader has already read.
package changeset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/graph"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// ChangeSet is the difference between the merge base and the working tree,
// and what the base branch's tip holds.
type ChangeSet struct {
	// Added, Modified and Deleted are absolute paths of .py files under
	// the version locations. Added includes files git does not track
	// (and does not ignore).
	Added, Modified, Deleted []string
	// Untracked and Ignored are the revision files of the working tree
	// that git does not track, and those of them that .gitignore hides:
	// a clean checkout (CI) will not have them.
	Untracked, Ignored []string
	// OtherChanged are the other files given to FromGit (configuration)
	// that the change adds or modifies.
	OtherChanged []string

	// mergeBase holds the merge-base contents of the modified and deleted
	// revision files; tipChanged the base branch's changes since the merge
	// base (nil content: deleted there).
	mergeBase  map[string][]byte
	tipChanged map[string][]byte
	processes  atomic.Int32
}

// Processes counts the git processes FromGit started.
func (cs *ChangeSet) Processes() int { return int(cs.processes.Load()) }

// FromGit reads the change in the checkout holding dir against the base
// ref. versionDirs are the version locations; others are further files
// (alembic.ini, env.py) whose change matters.
func FromGit(dir, base string, versionDirs []string, others ...string) (*ChangeSet, error) {
	s, err := Start(dir, base, versionDirs, others...)
	if err != nil {
		return nil, err
	}
	return s.Wait(nil)
}

// Started is a change set whose git processes are running.
type Started struct {
	cs        *ChangeSet
	top, base string
	otherRel  map[string]string
	others    []string
	// statusArgs ask git for the files it does not track; Wait asks only
	// when the index does not already say that it tracks them all.
	statusArgs        []string
	diff, status, tip *gitRun
}

// Start starts FromGit's git processes and returns at once: the caller
// reads the files meanwhile and then waits. The processes are started
// here, not in goroutines, because goroutines started while the loader
// reads files on every core ran up to 20 ms late.
func Start(dir, base string, versionDirs []string, others ...string) (*Started, error) {
	if err := checkRef(base); err != nil {
		return nil, err
	}
	cs := &ChangeSet{mergeBase: map[string][]byte{}, tipChanged: map[string][]byte{}}
	top, err := cs.topLevel(dir)
	if err != nil {
		return nil, err
	}
	var specs []string
	for _, d := range versionDirs {
		rel, ok := within(top, d)
		if !ok {
			return nil, fmt.Errorf("version location %s is outside the git checkout %s", d, top)
		}
		specs = append(specs, rel)
	}
	otherRel := map[string]string{}
	var otherSpecs []string
	for _, o := range others {
		if o == "" {
			// No such file (a project found by its versions directory has
			// no config file); as a pathspec it would be ".", the whole
			// checkout.
			continue
		}
		if rel, ok := within(top, o); ok {
			otherRel[rel] = o
			otherSpecs = append(otherSpecs, rel)
		}
	}
	// The change against the merge base, the files git does not track,
	// and the base branch's changes since the merge base: three
	// independent questions, asked at once.
	all := append(append([]string{}, specs...), otherSpecs...)
	return &Started{
		cs: cs, top: top, base: base, otherRel: otherRel, others: others,
		statusArgs: append([]string{"--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--ignored=traditional", "--"}, all...),
		diff:       cs.startGit(top, nil, append([]string{"diff", "--raw", "--no-abbrev", "-z", "--no-renames", "--no-ext-diff", "--no-color", "--merge-base", base, "--"}, all...)...),
		tip:        cs.startGit(top, nil, append([]string{"diff-tree", "-r", "-z", "--raw", "--no-abbrev", "--no-renames", "--merge-base", "HEAD", base, "--"}, specs...)...),
	}, nil
}

// Wait waits for the git processes and reads the change set from their
// answers (and from cat-file, when base files differ from the working
// tree). worktree are the revision files the caller found in the version
// locations, as absolute paths with their links resolved (as
// lint.Revision.File is): when git's index tracks all of them and the
// other files, nothing is untracked that matters, and git status is not
// asked. nil always asks.
func (s *Started) Wait(worktree []string) (*ChangeSet, error) {
	cs, top, others := s.cs, s.top, s.others
	abs := func(rel string) string { return filepath.Join(top, filepath.FromSlash(rel)) }
	isOther := func(rel string) (string, bool) { o, ok := s.otherRel[rel]; return o, ok }
	var statusOut []byte
	var statusErr error
	if s.status == nil && s.needStatus(worktree) {
		s.status = cs.startGit(top, nil, s.statusArgs...)
	}
	diffOut, diffErr := s.diff.wait()
	if s.status != nil {
		statusOut, statusErr = s.status.wait()
	}
	tipOut, tipErr := s.tip.wait()
	if diffErr != nil {
		return nil, fmt.Errorf("--base %s: %v; fetch the base branch, e.g. git fetch origin %s", s.base, diffErr, s.base)
	}
	if statusErr != nil {
		return nil, statusErr
	}
	if tipErr != nil {
		return nil, fmt.Errorf("--base %s: %w", s.base, tipErr)
	}
	out := diffOut
	want := map[string][]string{} // object name -> the paths whose merge-base content it is
	otherChanged := map[string]bool{}
	for _, d := range parseRaw(out) {
		if o, ok := isOther(d.path); ok {
			otherChanged[o] = true
			continue
		}
		path := abs(d.path)
		if !isRevisionFile(path) {
			continue
		}
		switch d.status {
		case 'A':
			cs.Added = append(cs.Added, path)
		case 'M', 'T':
			cs.Modified = append(cs.Modified, path)
			want[d.oldObject] = append(want[d.oldObject], path)
		case 'D':
			cs.Deleted = append(cs.Deleted, path)
			want[d.oldObject] = append(want[d.oldObject], path)
		}
	}

	// Files git does not track: new revisions, unless ignored.
	out = statusOut
	for _, e := range parseStatus(out) {
		o, other := isOther(e.path)
		path := abs(e.path)
		switch {
		case other && e.code == "??":
			otherChanged[o] = true
		case other || !isRevisionFile(path):
		case e.code == "??":
			cs.Untracked = append(cs.Untracked, path)
			cs.Added = append(cs.Added, path)
		case e.code == "!!":
			cs.Untracked = append(cs.Untracked, path)
			cs.Ignored = append(cs.Ignored, path)
		}
	}
	for _, o := range others {
		if otherChanged[o] {
			cs.OtherChanged = append(cs.OtherChanged, o)
		}
	}

	// What the base branch changed since the merge base.
	out = tipOut
	tipWant := map[string][]string{}
	for _, d := range parseRaw(out) {
		path := abs(d.path)
		if !isRevisionFile(path) {
			continue
		}
		if d.status == 'D' {
			cs.tipChanged[path] = nil
			continue
		}
		tipWant[d.newObject] = append(tipWant[d.newObject], path)
	}

	// The contents of those files, by object name.
	objects := make([]string, 0, len(want)+len(tipWant))
	for o := range want {
		objects = append(objects, o)
	}
	for o := range tipWant {
		if _, ok := want[o]; !ok {
			objects = append(objects, o)
		}
	}
	contents, err := cs.catFiles(top, objects)
	if err != nil {
		return nil, err
	}
	for o, paths := range want {
		for _, path := range paths {
			cs.mergeBase[path] = contents[o]
		}
	}
	for o, paths := range tipWant {
		for _, path := range paths {
			cs.tipChanged[path] = contents[o]
		}
	}
	return cs, nil
}

// needStatus reports whether git status must say what is untracked: the
// caller gave no files, the index cannot be read here, or it lacks one
// of the files (untracked, or named differently, as on a file system
// that ignores case: git then answers).
func (s *Started) needStatus(worktree []string) bool {
	if worktree == nil {
		return true
	}
	tracked, ok := trackedPaths(s.top)
	if !ok {
		return true
	}
	// The files' links are resolved already: looking at each again (an
	// lstat per file) was a tenth of a pull request's check after git
	// started. A path that is not resolved after all is at worst not
	// found inside the checkout, and git status is asked.
	for _, f := range worktree {
		rel, inside := withinReal(s.top, f)
		if !inside || !tracked[rel] {
			return true
		}
	}
	for rel := range s.otherRel {
		if !tracked[rel] {
			return true
		}
	}
	return false
}

// Close waits for the git processes that were started, for a caller that
// stops before Wait: none outlives it.
func (s *Started) Close() {
	for _, r := range []*gitRun{s.diff, s.status, s.tip} {
		if r != nil {
			_, _ = r.wait()
		}
	}
}

// checkRef refuses what git would read as an option or cannot be a ref.
func checkRef(ref string) error {
	if ref == "" || strings.HasPrefix(ref, "-") || strings.ContainsFunc(ref, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return fmt.Errorf("--base %q is not a git revision", ref)
	}
	return nil
}

// topLevel finds the checkout holding dir by its .git entry, as git does,
// without starting git; with GIT_DIR or GIT_WORK_TREE set, git decides.
func (cs *ChangeSet) topLevel(dir string) (string, error) {
	if os.Getenv("GIT_DIR") == "" && os.Getenv("GIT_WORK_TREE") == "" {
		for d := realPath(dir); ; d = filepath.Dir(d) {
			if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
				return d, nil
			}
			if filepath.Dir(d) == d {
				return "", fmt.Errorf("--base needs a git checkout: %s is not in one", dir)
			}
		}
	}
	out, err := cs.git(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("--base needs a git checkout: %w", err)
	}
	return realPath(strings.TrimSpace(string(out))), nil
}

// within returns path relative to top with forward slashes, if inside.
func within(top, path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	return withinReal(top, realPath(abs))
}

// withinReal is within for a path whose links are already resolved.
func withinReal(top, real string) (string, bool) {
	rel, err := filepath.Rel(top, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// rawDiff is one record of `git diff --raw -z`.
type rawDiff struct {
	oldObject, newObject string
	status               byte
	path                 string
}

// parseRaw reads `:old-mode new-mode old new STATUS\0path\0` records.
func parseRaw(out []byte) []rawDiff {
	var diffs []rawDiff
	fields := bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0})
	for i := 0; i+1 < len(fields); i += 2 {
		meta := strings.Fields(string(fields[i]))
		if len(meta) != 5 || meta[4] == "" {
			continue
		}
		diffs = append(diffs, rawDiff{oldObject: meta[2], newObject: meta[3], status: meta[4][0], path: string(fields[i+1])})
	}
	return diffs
}

type statusEntry struct{ code, path string }

// parseStatus reads `git status --porcelain -z`: `XY path\0`, with a
// second path after renames.
func parseStatus(out []byte) []statusEntry {
	var entries []statusEntry
	fields := bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0})
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if len(f) < 4 {
			continue
		}
		e := statusEntry{code: string(f[:2]), path: string(f[3:])}
		if f[0] == 'R' || f[0] == 'C' {
			i++ // the original name follows
		}
		entries = append(entries, e)
	}
	return entries
}

// catFiles reads objects by name with one `git cat-file --batch`; object
// names never contain a newline, whatever the file names.
func (cs *ChangeSet) catFiles(top string, objects []string) (map[string][]byte, error) {
	contents := map[string][]byte{}
	if len(objects) == 0 {
		return contents, nil
	}
	sort.Strings(objects)
	var in bytes.Buffer
	for _, o := range objects {
		in.WriteString(o + "\n")
	}
	out, err := cs.git(top, &in, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for range objects {
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		parts := strings.Fields(header)
		if len(parts) != 3 {
			continue // "<name> missing"
		}
		size, err := strconv.Atoi(parts[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: bad header %q", header)
		}
		data := make([]byte, size+1) // the content and the newline after it
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		contents[parts[0]] = data[:size]
	}
	return contents, nil
}

func isRevisionFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".py") && base != "__init__.py" && !strings.Contains(filepath.ToSlash(path), "__pycache__/")
}

// git runs one git command in dir with --literal-pathspecs (a file name
// is never a pattern), counting it.
func (cs *ChangeSet) git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	return cs.startGit(dir, stdin, args...).wait()
}

// gitRun is a git process started by startGit.
type gitRun struct {
	cmd            *exec.Cmd
	name           string // the git command, for messages
	stdout, stderr bytes.Buffer
	err            error // from starting it
	once           sync.Once
	out            []byte // wait's answer
	outErr         error
}

// startGit starts what git runs.
func (cs *ChangeSet) startGit(dir string, stdin io.Reader, args ...string) *gitRun {
	cs.processes.Add(1)
	r := &gitRun{cmd: exec.Command("git", append([]string{"--literal-pathspecs"}, args...)...), name: args[0]}
	if args[0] == "--no-optional-locks" && len(args) > 1 {
		r.name = args[1]
	}
	r.cmd.Dir = dir
	r.cmd.Stdin = stdin
	r.cmd.Stdout, r.cmd.Stderr = &r.stdout, &r.stderr
	r.err = r.cmd.Start()
	return r
}

// wait returns the output of a git process, or what went wrong, in git's
// words where it said any. It may be called again, and answers the same.
func (r *gitRun) wait() ([]byte, error) {
	r.once.Do(func() {
		err := r.err
		if err == nil {
			err = r.cmd.Wait()
		}
		if err != nil {
			msg := strings.TrimSpace(r.stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			r.outErr = fmt.Errorf("git %s: %s", r.name, msg)
			return
		}
		r.out = r.stdout.Bytes()
	})
	return r.out, r.outErr
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

// BaseBranch builds the facts the change-set rules judge from the change
// and the working tree's revisions (metadata is enough), keyed by
// absolute real file as lint.Revision.File is. The base branch's
// revisions are those of the merge base, which are the working tree's
// except what the change added, modified or deleted, updated with what the
// base branch changed since.
func (cs *ChangeSet) BaseBranch(worktree []*lint.Revision) *lint.BaseBranch {
	b := &lint.BaseBranch{IDs: map[string]bool{}, Modified: map[string]bool{}, ChangedFiles: map[string]bool{}}
	for _, p := range cs.OtherChanged {
		b.ChangedFiles[realPath(p)] = true
	}
	notAtMergeBase := map[string]bool{}
	for _, p := range append(append([]string{}, cs.Added...), cs.Ignored...) {
		notAtMergeBase[realPath(p)] = true
	}
	tip := map[string]*lint.Revision{}
	for _, r := range worktree {
		if !notAtMergeBase[r.File] {
			tip[r.File] = r
		}
	}
	idAtMergeBase := map[string]string{}
	for path, data := range cs.mergeBase {
		rev := python.ScanRevision(realPath(path), data)
		tip[rev.File] = rev
		idAtMergeBase[rev.File] = rev.ID
	}
	for path, data := range cs.tipChanged {
		real := realPath(path)
		if data == nil {
			delete(tip, real)
			continue
		}
		tip[real] = python.ScanRevision(real, data)
	}
	var nodes []graph.Node
	for _, rev := range tip {
		if !rev.HasID || rev.ID == "" {
			continue
		}
		b.IDs[rev.ID] = true
		nodes = append(nodes, graph.Node{ID: rev.ID, Down: rev.DownRevisions, BranchLabels: rev.BranchLabels, DependsOn: rev.DependsOn})
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	b.Graph = graph.Build(nodes)
	for _, h := range b.Graph.Heads {
		b.Heads = append(b.Heads, b.Graph.Nodes[h].ID)
	}
	for _, p := range cs.Modified {
		b.Modified[realPath(p)] = true
	}
	for _, p := range cs.Deleted {
		b.Deleted = append(b.Deleted, lint.DeletedRevision{File: p, ID: idAtMergeBase[realPath(p)]})
	}
	return b
}

package changeset

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// repo is a git repository for a test, with its version directory.
type repo struct {
	t        *testing.T
	dir      string
	versions string
}

// newRepo makes a repository whose main branch holds revisions a <- b in
// a versions directory named versionsName, checked out on a new branch
// feature.
func newRepo(t *testing.T, versionsName string) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for change sets")
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &repo{t: t, dir: dir, versions: filepath.Join(dir, versionsName)}
	if err := os.MkdirAll(r.versions, 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.email", "t@example.com")
	r.git("config", "user.name", "t")
	r.write("alembic.ini", "[alembic]\n")
	r.revision("a_first.py", "a", "")
	r.revision("b_second.py", "b", "a")
	r.commit("base")
	r.git("checkout", "-q", "-b", "feature")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v %s", args, err, out)
	}
	return string(out)
}

func (r *repo) write(rel, content string) {
	r.t.Helper()
	path := filepath.Join(r.dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// revision writes a revision file in the versions directory.
func (r *repo) revision(name, id, down string) string {
	r.t.Helper()
	downValue := "None"
	if down != "" {
		downValue = fmt.Sprintf("%q", down)
	}
	path := filepath.Join(r.versions, name)
	if err := os.WriteFile(path, []byte(fmt.Sprintf("revision = %q\ndown_revision = %s\n\n\ndef upgrade():\n    pass\n", id, downValue)), 0o644); err != nil {
		r.t.Fatal(err)
	}
	return path
}

func (r *repo) commit(msg string) {
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// worktree scans the revision files of the working tree, as the loader
// does.
func (r *repo) worktree() []*lint.Revision {
	r.t.Helper()
	var revs []*lint.Revision
	entries, _ := os.ReadDir(r.versions)
	for _, e := range entries {
		path := filepath.Join(r.versions, e.Name())
		data, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(e.Name(), ".py") {
			revs = append(revs, python.ScanRevision(path, data))
		}
	}
	return revs
}

func (r *repo) changeSet() *ChangeSet {
	r.t.Helper()
	cs, err := FromGit(r.dir, "main", []string{r.versions}, filepath.Join(r.dir, "alembic.ini"))
	if err != nil {
		r.t.Fatal(err)
	}
	return cs
}

func names(paths []string) string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// TestChangeSet: added (committed, staged, untracked), modified and
// deleted revisions, an ignored one, an edited alembic.ini, the base
// branch's own new revision at its tip, all from at most four git
// processes.
func TestChangeSet(t *testing.T) {
	r := newRepo(t, "versions")
	// The base branch moves on: c on b.
	r.git("checkout", "-q", "main")
	r.revision("c_main.py", "c", "b")
	r.commit("main adds c")
	r.git("checkout", "-q", "feature")

	r.revision("d_committed.py", "d", "b")
	r.commit("feature adds d")
	r.revision("e_staged.py", "e", "d")
	r.git("add", "-A")
	r.revision("f_untracked.py", "f", "e")
	r.write(".gitignore", "g_ignored.py\n")
	r.revision("g_ignored.py", "g", "f")
	os.WriteFile(filepath.Join(r.versions, "b_second.py"), []byte("revision = \"b\"\ndown_revision = \"a\"\n# edited\n"), 0o644)
	r.git("rm", "-q", filepath.Join(r.versions, "a_first.py"))
	r.write("alembic.ini", "[alembic]\nscript_location = .\n")

	cs := r.changeSet()
	for what, got := range map[string]string{
		"added":     names(cs.Added),
		"modified":  names(cs.Modified),
		"deleted":   names(cs.Deleted),
		"untracked": names(cs.Untracked),
		"ignored":   names(cs.Ignored),
		"other":     names(cs.OtherChanged),
	} {
		want := map[string]string{
			"added": "d_committed.py e_staged.py f_untracked.py", "modified": "b_second.py", "deleted": "a_first.py",
			"untracked": "f_untracked.py g_ignored.py", "ignored": "g_ignored.py", "other": "alembic.ini",
		}[what]
		if got != want {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	if n := cs.Processes(); n > 4 {
		t.Errorf("%d git processes, at most 4 allowed", n)
	}
	notInGit := cs.NotInGit()
	if len(notInGit) != 2 || notInGit[filepath.Join(r.versions, "f_untracked.py")] != "untracked" || notInGit[filepath.Join(r.versions, "g_ignored.py")] != "ignored" {
		t.Errorf("not in git: %v", notInGit)
	}
	b := cs.BaseBranch(r.worktree())
	var ids []string
	for id := range b.IDs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if strings.Join(ids, " ") != "a b c" || strings.Join(b.Heads, " ") != "c" {
		t.Errorf("base branch: ids %v heads %v, want a b c and head c (its tip)", ids, b.Heads)
	}
	if len(b.Deleted) != 1 || b.Deleted[0].ID != "a" {
		t.Errorf("deleted: %+v", b.Deleted)
	}
	if !b.Modified[filepath.Join(r.versions, "b_second.py")] {
		t.Errorf("modified: %v", b.Modified)
	}
}

// TestOddFileNames: a newline, quotes and glob characters in names are
// read right (git's output is NUL-separated and pathspecs literal).
func TestOddFileNames(t *testing.T) {
	r := newRepo(t, "versions [old]*")
	odd := r.revision("c_new\nline \"quoted\".py", "c", "b")
	r.commit("c")
	r.git("branch", "-f", "main", "HEAD")
	if err := os.Remove(odd); err != nil {
		t.Fatal(err)
	}
	cs := r.changeSet()
	if len(cs.Deleted) != 1 || cs.Deleted[0] != odd {
		t.Fatalf("deleted: %q, want %q", cs.Deleted, odd)
	}
	b := cs.BaseBranch(r.worktree())
	if len(b.Deleted) != 1 || b.Deleted[0].ID != "c" {
		t.Fatalf("the deleted revision's id was not read from the base: %+v", b.Deleted)
	}
}

// TestRefs: a ref that git would read as an option is refused; an unknown
// ref says to fetch it.
func TestRefs(t *testing.T) {
	r := newRepo(t, "versions")
	for _, ref := range []string{"--all", "-p", "main\nHEAD"} {
		if _, err := FromGit(r.dir, ref, []string{r.versions}); err == nil || !strings.Contains(err.Error(), "not a git revision") {
			t.Errorf("--base %q: %v", ref, err)
		}
	}
	if _, err := FromGit(r.dir, "nosuchbranch", []string{r.versions}); err == nil || !strings.Contains(err.Error(), "fetch") {
		t.Errorf("unknown ref: %v", err)
	}
	if _, err := FromGit(t.TempDir(), "main", []string{r.versions}); err == nil {
		t.Error("no error outside a checkout")
	}
}

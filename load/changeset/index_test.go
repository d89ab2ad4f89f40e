package changeset

import (
	"crypto/sha1"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lsFiles is what git says it tracks.
func (r *repo) lsFiles() []string {
	r.t.Helper()
	var out []string
	for _, p := range strings.Split(r.git("ls-files", "-z"), "\x00") {
		if p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// gitMayFail runs git and returns its output and error, for a command
// meant to fail.
func (r *repo) gitMayFail(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestParseIndexAgreesWithGit: index versions 2, 3 (an intent-to-add
// entry has extended flags) and 4 (paths prefix-compressed), with names
// git's own tools find awkward, a path of 3,800 bytes (the system refuses
// one long enough to fill the 12-bit length field), and a conflict's
// three stages: the paths read are git ls-files'.
func TestParseIndexAgreesWithGit(t *testing.T) {
	r := newRepo(t, "versions")
	r.revision("c new\nline \"quoted\" é.py", "c", "b")
	long := strings.Repeat("d", 200)
	deep := filepath.Join(strings.Repeat(long+string(filepath.Separator), 19), "deep.py")
	r.write(deep, "x = 1\n")
	for _, name := range []string{"aa.py", "aab.py", "ab/c.py", "ab/cd.py", "b.py"} {
		r.write(filepath.Join("prefixes", name), "")
	}
	r.commit("awkward names")
	// A conflict: stages 1, 2 and 3 of one path.
	r.write("conflict.txt", "base\n")
	r.commit("base of a conflict")
	r.git("checkout", "-q", "-b", "other")
	r.write("conflict.txt", "other\n")
	r.commit("other side")
	r.git("checkout", "-q", "feature")
	r.write("conflict.txt", "feature\n")
	r.commit("feature side")
	if out, err := r.gitMayFail("merge", "-q", "other"); err == nil {
		t.Fatalf("the merge was meant to conflict: %s", out)
	}
	r.write("intent.py", "")
	r.git("add", "-N", "intent.py")

	for _, version := range []string{"2", "3", "4"} {
		if version == "2" {
			// Intent-to-add needs version 3: drop it for version 2.
			r.git("rm", "-q", "--cached", "intent.py")
		} else {
			r.git("add", "-N", "intent.py")
		}
		r.git("update-index", "--index-version", version)
		data, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := parseIndex(data)
		if !ok {
			t.Fatalf("version %s: the index was not read", version)
		}
		if want := r.lsFiles(); !slices.Equal(sortedKeys(got), want) {
			t.Errorf("version %s: read %q\ngit ls-files: %q", version, sortedKeys(got), want)
		}
		if !got[filepath.ToSlash(deep)] {
			t.Errorf("version %s: the %d-byte path is missing", version, len(deep))
		}
	}
}

// TestParseIndexRefuses: a split index, a damaged one (cut anywhere, a
// byte changed in its header) are not read; nothing panics.
func TestParseIndexRefuses(t *testing.T) {
	r := newRepo(t, "versions")
	for i := range 40 {
		r.write(filepath.Join("many", strings.Repeat("x", i)+".py"), "")
	}
	r.commit("many")
	data, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := parseIndex(data); !ok {
		t.Fatal("the intact index was not read")
	}
	for n := range len(data) {
		if _, ok := parseIndex(data[:n]); ok {
			t.Fatalf("the index cut to %d of %d bytes was read", n, len(data))
		}
	}
	for _, at := range []int{0, 4, 7, 8, 11} {
		bad := slices.Clone(data)
		bad[at] ^= 0xff
		if _, ok := parseIndex(bad); ok {
			t.Errorf("the index with header byte %d changed was read", at)
		}
	}
	r.git("update-index", "--split-index")
	split, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := parseIndex(split); ok {
		t.Error("a split index (entries in a shared index) was read as whole")
	}
	if _, ok := trackedPaths(r.dir); ok {
		t.Error("trackedPaths read a split index")
	}
}

// TestTrackedPathsSHA256: a SHA-256 repository's index (32-byte object
// names) is not read as a SHA-1 one.
func TestTrackedPathsSHA256(t *testing.T) {
	dir := t.TempDir()
	r := &repo{t: t, dir: dir}
	if out, err := r.gitMayFail("init", "-q", "--object-format=sha256"); err != nil {
		t.Fatalf("this git cannot make a SHA-256 repository: %v %s", err, out)
	}
	r.write("a.py", "x = 1\n")
	r.git("add", "a.py")
	if paths, ok := trackedPaths(dir); ok {
		t.Errorf("a SHA-256 index was read: %q", sortedKeys(paths))
	}
}

// TestTrackedPathsOfAWorktree: a checkout made by git worktree add has a
// .git file naming its repository directory, whose index is read.
func TestTrackedPathsOfAWorktree(t *testing.T) {
	r := newRepo(t, "versions")
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("worktree", "add", "-q", wt, "main")
	got, ok := trackedPaths(wt)
	if !ok {
		t.Fatal("the worktree's index was not read")
	}
	if want := r.lsFiles(); !slices.Equal(sortedKeys(got), want) {
		t.Errorf("read %q, git ls-files %q", sortedKeys(got), want)
	}
	t.Setenv("GIT_INDEX_FILE", filepath.Join(r.dir, ".git", "index"))
	if _, ok := trackedPaths(wt); ok {
		t.Error("with GIT_INDEX_FILE set the index of the checkout was read: git would read another")
	}
}

// TestStatusOnlyWhenUntracked: on a clean checkout the change set comes
// from two git processes; an untracked revision file brings git status
// back, and the answer is the same as FromGit's, which always asks.
func TestStatusOnlyWhenUntracked(t *testing.T) {
	r := newRepo(t, "versions")
	r.revision("c_committed.py", "c", "b")
	r.commit("c")
	wait := func() *ChangeSet {
		t.Helper()
		s, err := Start(r.dir, "main", []string{r.versions}, filepath.Join(r.dir, "alembic.ini"))
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, rev := range r.worktree() {
			files = append(files, rev.File)
		}
		cs, err := s.Wait(files)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	same := func(a, b *ChangeSet) {
		t.Helper()
		for _, pair := range [][2][]string{{a.Added, b.Added}, {a.Modified, b.Modified}, {a.Deleted, b.Deleted}, {a.Untracked, b.Untracked}, {a.Ignored, b.Ignored}, {a.OtherChanged, b.OtherChanged}} {
			if names(pair[0]) != names(pair[1]) {
				t.Errorf("%q here, %q from FromGit", names(pair[0]), names(pair[1]))
			}
		}
	}
	for _, c := range []struct {
		what      string
		change    func()
		processes int
		list      func(*ChangeSet) []string
		want      string
	}{
		{"a clean checkout", func() {}, 2, func(cs *ChangeSet) []string { return cs.Added }, "c_committed.py"},
		{"an untracked revision", func() { r.revision("d_untracked.py", "d", "c") }, 3, func(cs *ChangeSet) []string { return cs.Untracked }, "d_untracked.py"},
	} {
		c.change()
		cs := wait()
		if n := cs.Processes(); n != c.processes {
			t.Errorf("%s: %d git processes, want %d (status only for an untracked file)", c.what, n, c.processes)
		}
		if got := names(c.list(cs)); got != c.want {
			t.Errorf("%s: %q, want %q", c.what, got, c.want)
		}
		same(cs, r.changeSet())
	}
}

// FuzzParseIndex: any bytes are read without a panic, and what is read
// is non-empty paths, no more than the bytes could hold.
func FuzzParseIndex(f *testing.F) {
	f.Add([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00" + strings.Repeat("\x00", 20)))
	f.Add([]byte("DIRC\x00\x00\x00\x04\x00\x00\x00\x01" + strings.Repeat("\x00", 62) + "\x00a\x00" + strings.Repeat("\x00", 20)))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The checksum made right, so that the layout is what is tried.
		if len(data) >= sha1Size {
			sum := sha1.Sum(data[:len(data)-sha1Size])
			data = append(slices.Clone(data[:len(data)-sha1Size]), sum[:]...)
		}
		paths, ok := parseIndex(data)
		if !ok {
			return
		}
		for p := range paths {
			if p == "" {
				t.Fatal("an empty path was read")
			}
		}
		if len(paths) > len(data)/entryFixedSize {
			t.Fatalf("%d paths from %d bytes", len(paths), len(data))
		}
	})
}

// TestNoConfigFile: a project found by its versions directory has no
// alembic.ini; its empty name must not become the pathspec ".", which
// made git diff and walk the whole checkout and took any .py file in it
// for an added revision.
func TestNoConfigFile(t *testing.T) {
	r := newRepo(t, "versions")
	r.write("elsewhere/tool.py", "print(1)\n")
	t.Chdir(r.dir) // an empty name is the working directory's
	s, err := Start(r.dir, "main", []string{r.versions}, "")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.Wait(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Added) != 0 || len(cs.Untracked) != 0 {
		t.Errorf("added %q, untracked %q: a file outside the version locations", names(cs.Added), names(cs.Untracked))
	}
}

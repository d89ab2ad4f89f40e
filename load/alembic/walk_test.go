package alembic

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestListedWalkIsWalkDir: the walk through one run's listings calls its
// function as filepath.WalkDir does, skips included, under each of
// several nested roots walked one after the other, and lists each
// directory once.
func TestListedWalkIsWalkDir(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"a/b/c/m.py", "a/b/n.py", "a/skip/x.py", "a/b/c/d/deep.py", "top.py", "a/.hidden/h.py", "a/stop/s1.py"} {
		path := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	record := func(calls *[]string) fs.WalkDirFunc {
		return func(path string, d fs.DirEntry, err error) error {
			name, dir := "", false
			if d != nil {
				name, dir = d.Name(), d.IsDir()
			}
			*calls = append(*calls, fmt.Sprintf("%s %s %v %v", path, name, dir, err != nil))
			switch {
			case dir && (d.Name() == "skip" || strings.HasPrefix(d.Name(), ".")):
				return filepath.SkipDir
			case d != nil && d.Name() == "s1.py":
				return filepath.SkipDir // skips the rest of the directory
			}
			return nil
		}
	}
	// The last root is not clean: WalkDir gives it as it is, and cleans the
	// paths below it.
	roots := []string{filepath.Join(root, "a", "b", "c"), filepath.Join(root, "a", "b"), root, filepath.Join(root, "missing"), filepath.Join(root, "top.py"), root + "/a/./b/../stop/"}
	var want, got []string
	for _, r := range roots {
		if err := filepath.WalkDir(r, record(&want)); err != nil {
			t.Fatal(err)
		}
	}
	listed := dirListings{}
	for _, r := range roots {
		if err := listed.walk(r, record(&got)); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Listed once each: root, a, a/b, a/b/c, a/b/c/d, a/stop, and a/stop
	// again under the name the last root gives it.
	if len(listed) != 7 {
		t.Errorf("%d directories listed, want 7: %v", len(listed), listed)
	}
}

// TestEntryPathIsJoin: an entry's path is the one filepath.Join gives.
func TestEntryPathIsJoin(t *testing.T) {
	for _, dir := range []string{"/", "/a", "/a/b", ".", "a", "a/b", "..", "../a"} {
		for _, name := range []string{"x", "x.py", "...", ".hidden", "a b"} {
			if got, want := entryPath(dir, name), filepath.Join(dir, name); got != want {
				t.Errorf("entryPath(%q, %q) = %q, want %q", dir, name, got, want)
			}
		}
	}
}

package alembic

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// writeTree creates files (path -> content) under a temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const rev = "revision = 'a'\ndown_revision = None\n"

// anywhere is a reader for tests that are not about where files may be
// read from.
func anywhere() *files.Reader { return files.New("/") }

func versionFiles(t *testing.T, l *Layout) []string {
	t.Helper()
	files, _, err := ReadVersionFiles(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.Path))
	}
	slices.Sort(names)
	return names
}

func TestDiscoverForms(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"alembic.ini":                                      "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = mysql+pymysql://u@h/db\n",
		"migrations/env.py":                                "",
		"migrations/versions/a.py":                         rev,
		"migrations/versions/__init__.py":                  "",
		"migrations/versions/__pycache__/a.cpython-311.py": rev,
		"migrations/versions/sub/b.py":                     rev,
	})
	for _, path := range []string{
		filepath.Join(dir, "alembic.ini"),
		dir,
		filepath.Join(dir, "migrations"),
	} {
		l, err := Discover(anywhere(), path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py"}) {
			t.Errorf("%s: files %q", path, got)
		}
	}
	// A versions directory is searched recursively.
	l, err := Discover(anywhere(), filepath.Join(dir, "migrations", "versions"))
	if err != nil {
		t.Fatal(err)
	}
	if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py", "b.py"}) {
		t.Errorf("versions dir: files %q", got)
	}
	l, _ = Discover(anywhere(), filepath.Join(dir, "alembic.ini"))
	if lint.DialectOfURL(l.URL) != lint.MySQL {
		t.Errorf("dialect of %q", l.URL)
	}
}

func TestDiscoverWithoutPath(t *testing.T) {
	t.Parallel()
	for name, files := range map[string]map[string]string{
		"alembic.ini": {
			"alembic.ini":              "[alembic]\nscript_location = migrations\n",
			"migrations/versions/a.py": rev,
		},
		"pyproject.toml": {
			"pyproject.toml":      "[project]\nname = \"app\"\n\n[tool.alembic]\nscript_location = \"db\"\n",
			"db/versions/a.py":    rev,
			"other/versions/b.py": rev,
		},
	} {
		t.Run(name, func(t *testing.T) {
			l, err := DiscoverIn(anywhere(), writeTree(t, files))
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(l.ConfigFile) != name {
				t.Errorf("config file %q", l.ConfigFile)
			}
			if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py"}) {
				t.Errorf("files %q", got)
			}
		})
	}
}

func TestDiscoverVersionLocations(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, ini string }{
		{"legacy spaces and commas", "version_locations = %(here)s/v1, %(here)s/v2 other/v3"},
		{"os separator", "version_path_separator = os\nversion_locations = %(here)s/v1:%(here)s/v2:other/v3"},
		{"path_separator newline", "path_separator = newline\nversion_locations =\n    %(here)s/v1\n    %(here)s/v2\n    other/v3"},
		{"semicolon", "version_path_separator = ;\nversion_locations = v1;v2;other/v3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{
				"alembic.ini":     "[alembic]\nscript_location = migrations\n" + tt.ini + "\n",
				"v1/a.py":         rev,
				"v2/b.py":         rev,
				"other/v3/c.py":   rev,
				"other/v3/d/e.py": rev,
			})
			l, err := Discover(anywhere(), filepath.Join(dir, "alembic.ini"))
			if err != nil {
				t.Fatal(err)
			}
			if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py", "b.py", "c.py"}) {
				t.Errorf("files %q from %q", got, l.VersionDirs)
			}
		})
	}
}

func TestDiscoverRecursiveAndPyProject(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"pyproject.toml":        "[tool.alembic]\nscript_location = \"%(here)s/db\"\nversion_locations = [\"%(here)s/db/versions\", \"extra\"]\nrecursive_version_locations = true\n",
		"db/env.py":             "",
		"db/versions/a.py":      rev,
		"db/versions/2026/b.py": rev,
		"extra/c.py":            rev,
	})
	for _, path := range []string{filepath.Join(dir, "pyproject.toml"), dir} {
		l, err := Discover(anywhere(), path)
		if err != nil {
			t.Fatal(err)
		}
		if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py", "b.py", "c.py"}) {
			t.Errorf("%s: files %q", path, got)
		}
	}
}

func TestDiscoverINIWithScriptLocationInPyProject(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"alembic.ini":              "[alembic]\nsqlalchemy.url = sqlite:///app.db\n",
		"pyproject.toml":           "[tool.alembic]\nscript_location = \"migrations\"\n",
		"migrations/versions/a.py": rev,
	})
	l, err := Discover(anywhere(), filepath.Join(dir, "alembic.ini"))
	if err != nil {
		t.Fatal(err)
	}
	if got := versionFiles(t, l); !slices.Equal(got, []string{"a.py"}) || lint.DialectOfURL(l.URL) != lint.SQLite {
		t.Errorf("files %q url %q", got, l.URL)
	}
}

func TestDiscoverErrors(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"noloc/alembic.ini":    "[alembic]\nsqlalchemy.url = sqlite://\n",
		"empty/versions/x.txt": "",
		"badloc/alembic.ini":   "[alembic]\nscript_location = nowhere\n",
	})
	cases := []struct{ path, want string }{
		{filepath.Join(dir, "missing"), "does not exist"},
		{filepath.Join(dir, "noloc", "alembic.ini"), "no script_location"},
	}
	for _, c := range cases {
		if _, err := Discover(anywhere(), c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.path, err, c.want)
		}
	}
	l, err := Discover(anywhere(), filepath.Join(dir, "empty", "versions"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadVersionFiles(context.Background(), l); !errors.Is(err, ErrNotFound) {
		t.Errorf("empty versions: %v", err)
	}
	l, err = Discover(anywhere(), filepath.Join(dir, "badloc", "alembic.ini"))
	if err != nil {
		t.Fatal(err)
	}
	// A location that does not exist is a finding (ML705), not a failure.
	if files, _, err := ReadVersionFiles(context.Background(), l); err != nil || len(files) != 0 {
		t.Errorf("bad location: %v %v", files, err)
	}
	if _, err := DiscoverIn(anywhere(), filepath.Join(dir, "empty")); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "alembic.ini") {
		t.Errorf("no PATH in empty dir: %v", err)
	}
}

func TestBadFilesAreNoticesNotFailures(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"versions/good.py":   rev,
		"versions/binary.py": "revision = 'x'\x00\x01",
		"versions/big.py":    "revision = 'big'\n" + strings.Repeat("#", MaxFileSize),
	})
	if err := os.Symlink(filepath.Join(dir, "versions"), filepath.Join(dir, "versions", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "versions", "pipe.py"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "versions", "zero.py")); err != nil {
		t.Fatal(err)
	}
	l := &Layout{VersionDirs: []string{filepath.Join(dir, "versions")}, Recursive: true, files: files.New(dir, "/dev")}
	read, notices, err := ReadVersionFiles(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	// A binary file is read (Python refuses it: ML001); a big one is read
	// as far as the cap (ML005).
	var names []string
	for _, f := range read {
		names = append(names, filepath.Base(f.Path))
		if filepath.Base(f.Path) == "big.py" && (!f.Truncated || len(f.Data) != MaxFileSize) {
			t.Errorf("big.py: truncated %v, %d bytes", f.Truncated, len(f.Data))
		}
	}
	if !slices.Equal(names, []string{"big.py", "binary.py", "good.py"}) {
		t.Errorf("files %q", names)
	}
	var msgs []string
	for _, n := range notices {
		msgs = append(msgs, filepath.Base(n.Path)+": "+n.Message)
	}
	slices.Sort(msgs)
	want := []string{
		"loop: skipped: this directory was already read (a symbolic link loop?)",
		"pipe.py: skipped: it is a named pipe, not a regular file",
		"zero.py: skipped: it is a device, not a regular file",
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestINIInterpolation(t *testing.T) {
	t.Parallel()
	ini, err := ParseINI("a.ini", []byte("[DEFAULT]\nroot = /srv\n[alembic]\n; comment\nloc = %(root)s/m\npct = 100%%\nbad = 50%\nmulti = a\n  b\n"))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"loc": "/srv/m", "pct": "100%", "multi": "a\nb"} {
		if got, _, err := ini.Get("alembic", key, nil); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", key, got, err, want)
		}
	}
	if _, _, err := ini.Get("alembic", "bad", nil); err == nil || !strings.Contains(err.Error(), "a.ini:7") {
		t.Errorf("lone %%: %v", err)
	}
	if _, err := ParseINI("b.ini", []byte("key = value\n")); err == nil || !strings.Contains(err.Error(), "b.ini:1") {
		t.Errorf("key outside section: %v", err)
	}
}

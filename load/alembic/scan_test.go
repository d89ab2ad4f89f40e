package alembic

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/migrate-lint/migrate-lint/load/files"
)

// scanTree writes a project with two import roots (the second inside the
// first, so files have two names); with outside, the first root's
// app/models.py is a link out of the repository, which cannot be read.
func scanTree(t testing.TB, outside bool) (*Layout, []string) {
	t.Helper()
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	write := func(rel, content string) {
		p := filepath.Join(repo, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app/__init__.py", "")
	write("src/app/models.py", "class User(Base):\n    __tablename__ = 'users'\n")
	write("src/app/__init__.py", "")
	write("app/db.py", "Base = declarative_base()\n")
	write("migrations/env.py", "from app.db import Base\n")
	write("migrations/versions/a.py", "revision = 'a'\ndown_revision = None\n")
	write("venv/lib/x.py", "")
	if outside {
		if err := os.WriteFile(filepath.Join(base, "elsewhere.py"), []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(base, "elsewhere.py"), filepath.Join(repo, "app", "models.py")); err != nil {
			t.Fatal(err)
		}
	} else {
		write("app/models.py", "class Account(Base):\n    __tablename__ = 'accounts'\n")
	}
	l := &Layout{Root: repo, ScriptDir: filepath.Join(repo, "migrations"), files: files.New(repo)}
	return l, []string{repo, filepath.Join(repo, "src")}
}

// TestScanProjectAgrees: reading the files on every core finds the
// modules, names and contents a walk that reads as it goes finds, also
// when a file cannot be read (then a module is found under another root).
func TestScanProjectAgrees(t *testing.T) {
	for _, outside := range []bool{false, true} {
		l, roots := scanTree(t, outside)
		got := scanProject(nil, roots, l)
		want := walkProject(nil, roots, l, dirListings{}, func(path, dir string, entry fs.DirEntry) ([]byte, error) {
			data, _, err := l.files.ReadIn(dir, entry.Name(), entry.Type().IsRegular(), MaxFileSize)
			return data, err
		})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("outside=%v:\n got %+v\nwant %+v", outside, got, want)
		}
		if len(got.names) < 4 {
			t.Errorf("outside=%v: only %v", outside, got.names)
		}
	}
}

// BenchmarkScanProject: a project's 300 modules read for the setup facts.
func BenchmarkScanProject(b *testing.B) {
	l, roots := scanTree(b, false)
	for i := range 300 {
		p := filepath.Join(l.Root, "app", "pkg"+string(rune('a'+i%20)), "m"+string(rune('a'+i/20))+".py")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("import sqlalchemy as sa\n\n\ndef f():\n    return sa.select()\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		scanProject(nil, roots[:1], l)
	}
}

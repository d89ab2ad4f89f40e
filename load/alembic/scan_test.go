package alembic

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint/python"
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
	write("app/tests/test_models.py", "from app.models import Account\n")
	write("app/tests/conftest.py", "import pytest\n")
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
// The test modules are read only when asked for.
func TestScanProjectAgrees(t *testing.T) {
	for _, outside := range []bool{false, true} {
		l, roots := scanTree(t, outside)
		got := scanProject(nil, roots, l)
		want := walkProject(nil, roots, l, dirListings{}, func(path, dir string, entry fs.DirEntry) ([]byte, error) {
			data, _, err := l.files.ReadIn(dir, entry.Name(), entry.Type().IsRegular(), MaxFileSize)
			return data, err
		})
		if !reflect.DeepEqual(got.files, want.files) || !reflect.DeepEqual(got.names, want.names) || !reflect.DeepEqual(got.canon, want.canon) {
			t.Errorf("outside=%v:\n got %v %v %v\nwant %v %v %v", outside, got.files, got.names, got.canon, want.files, want.names, want.canon)
		}
		if !outside {
			// Nothing failed: the test modules wait to be asked for.
			if got.data["app.tests.test_models"] != nil || got.later["app.tests.test_models"] == nil {
				t.Errorf("outside=%v: the test module was read with the others", outside)
			}
		}
		for _, name := range want.names {
			if data, ok := got.bytes(name); !ok || string(data) != string(want.data[name]) {
				t.Errorf("outside=%v: %s is %q (%v), want %q", outside, name, data, ok, want.data[name])
			}
		}
		if len(got.names) < 6 {
			t.Errorf("outside=%v: only %v", outside, got.names)
		}
	}
}

// TestUnreadableTestModuleIsNoModule: a test module that cannot be read
// when asked for (here, larger than MaxFileSize) is no module of the
// project, as a file the walk could not read.
func TestUnreadableTestModuleIsNoModule(t *testing.T) {
	l, roots := scanTree(t, false)
	big := filepath.Join(l.Root, "app", "tests", "test_big.py")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	parser := python.NewParser()
	defer parser.Close()
	p := scanProject(parser, roots, l)
	if p.files["app.tests.test_big"] == "" {
		t.Fatal("the walk did not list the test module")
	}
	if p.has("app.tests.test_big") {
		t.Error("an unreadable test module is a module of the project")
	}
	if ref := p.ref("app.tests.test_big"); ref != nil {
		t.Errorf("an unreadable test module parsed as %+v", ref.mod)
	}
	if ref := p.ref("app.tests.test_models"); ref == nil || len(ref.mod.Imports) != 1 {
		t.Errorf("a readable test module: %+v", ref.mod)
	}
}

// TestOversizedModuleIsNoModule: an application module over MaxFileSize,
// read with the others on every core, is no module of the project (a
// prefix of it would hide what its end defines), and the others still are.
func TestOversizedModuleIsNoModule(t *testing.T) {
	l, roots := scanTree(t, false)
	big := filepath.Join(l.Root, "app", "big.py")
	if err := os.WriteFile(big, append([]byte("__tablename__ = 'x'\n"), make([]byte, MaxFileSize)...), 0o644); err != nil {
		t.Fatal(err)
	}
	p := scanProject(nil, roots, l)
	if p.files["app.big"] != "" || p.has("app.big") {
		t.Errorf("a module over the cap is a module of %d bytes", len(p.data["app.big"]))
	}
	if data, _ := p.bytes("app.models"); !p.has("app.models") || !bytes.Contains(data, []byte("__tablename__")) {
		t.Errorf("the other modules were not read: app.models is %q", data)
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

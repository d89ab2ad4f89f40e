package alembic

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// finderTree writes two import roots with modules, packages, a package
// without __init__.py, a directory named like a module, and symbolic
// links to a file and to a package.
func finderTree(t testing.TB) []string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{
		"a/app/__init__.py", "a/app/models.py", "a/app/db/__init__.py", "a/app/db/base.py",
		"a/nopkg/mod.py", "a/plain.py", "b/app/services.py", "b/other/__init__.py",
		"b/dir.py/__init__.py", "b/target.py", "b/pkgtarget/__init__.py",
	} {
		write(rel)
	}
	if err := os.Symlink(filepath.Join(dir, "b/target.py"), filepath.Join(dir, "b/linked.py")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b/pkgtarget"), filepath.Join(dir, "b/linkedpkg")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b/missing.py"), filepath.Join(dir, "b/dangling.py")); err != nil {
		t.Fatal(err)
	}
	return []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "absent"), filepath.Join(dir, "a/plain.py")}
}

// TestModuleFinderAgrees: the listings give what one stat per candidate
// gave, for every kind of name.
func TestModuleFinderAgrees(t *testing.T) {
	roots := finderTree(t)
	f := newModuleFinder(roots)
	for _, name := range []string{
		"app", "app.models", "app.db", "app.db.base", "app.services", "app.missing", "nopkg", "nopkg.mod",
		"plain", "plain.x", "other", "dir", "linked", "linkedpkg", "dangling", "sqlalchemy", "sqlalchemy.orm",
		"app..models", "app.models.Base", "target", "pkgtarget",
	} {
		for round := 0; round < 2; round++ { // the second from the memo
			if got, want := f.find(name), findModule(roots, name); got != want {
				t.Errorf("find(%q) = %q, want %q", name, got, want)
			}
		}
	}
}

// BenchmarkFindModules: the lookups of a project's revisions' imports
// (mostly third-party names, the same ones in every revision) on four
// roots.
func BenchmarkFindModules(b *testing.B) {
	roots := finderTree(b)
	var names []string
	for i := 0; i < 300; i++ {
		names = append(names, "sqlalchemy", "sqlalchemy.Column", "sqlalchemy.Integer", "alembic", "alembic.op",
			"app", "app.models", fmt.Sprintf("app.models.Model%d", i%10))
	}
	for b.Loop() {
		f := newModuleFinder(roots)
		for _, n := range names {
			f.find(n)
		}
	}
}

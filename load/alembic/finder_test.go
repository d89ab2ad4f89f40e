package alembic

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
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
// gave, for every kind of name, both when every root may be read and when
// the second root is outside what the reader may read (its modules are
// then absent, never found and named).
func TestModuleFinderAgrees(t *testing.T) {
	roots := finderTree(t)
	top := filepath.Dir(roots[0])
	for _, r := range []*files.Reader{files.New(top), files.New(roots[0])} {
		f := newModuleFinder(r, roots)
		for _, name := range []string{
			"app", "app.models", "app.db", "app.db.base", "app.services", "app.missing", "nopkg", "nopkg.mod",
			"plain", "plain.x", "other", "dir", "linked", "linkedpkg", "dangling", "sqlalchemy", "sqlalchemy.orm",
			"app..models", "app.models.Base", "target", "pkgtarget",
		} {
			for round := 0; round < 2; round++ { // the second from the memo
				if got, want := f.find(name), findModule(r, roots, name); got != want {
					t.Errorf("reader %v: find(%q) = %q, want %q", r.Roots(), name, got, want)
				}
			}
		}
	}
	if got := newModuleFinder(files.New(roots[0]), roots).find("app.services"); got != "" {
		t.Errorf("a module outside what may be read was found: %q", got)
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
		f := newModuleFinder(files.New(filepath.Dir(roots[0])), roots)
		for _, n := range names {
			f.find(n)
		}
	}
}

// BenchmarkResolveImports: 300 revisions importing third-party packages
// and 40 of the project's model modules, which are read and parsed.
func BenchmarkResolveImports(b *testing.B) {
	roots := finderTree(b)
	var revs []*lint.Revision
	for i := range 300 {
		mod := fmt.Sprintf("app.models.m%02d", i%40)
		p := filepath.Join(roots[0], "app", "models", fmt.Sprintf("m%02d.py", i%40))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("class User(Base):\n    __tablename__ = 'users'\n    id = sa.Column(sa.Integer, primary_key=True)\n\n\n", 20)), 0o644); err != nil {
			b.Fatal(err)
		}
		revs = append(revs, &lint.Revision{Imports: []lint.Import{
			{Module: "sqlalchemy", Names: []string{"sqlalchemy"}}, {Module: "alembic", Names: []string{"op"}},
			{Module: mod, Names: []string{"User"}},
		}})
	}
	r := files.New(filepath.Dir(roots[0]))
	b.Run("read and parse", func(b *testing.B) {
		for b.Loop() {
			if got := ResolveImports(r, roots, revs, nil, nil); len(got) != 40 {
				b.Fatalf("%d modules", len(got))
			}
		}
	})
	// The modules ReadSetup parsed already are taken as they are.
	parsed := Parsed{}
	p := python.NewParser()
	defer p.Close()
	for _, m := range ResolveImports(r, roots, revs, nil, nil) {
		data, err := os.ReadFile(m.File)
		if err != nil {
			b.Fatal(err)
		}
		parsed[m.File] = p.ParseModule(data)
	}
	b.Run("parsed by the setup", func(b *testing.B) {
		for b.Loop() {
			if got := ResolveImports(r, roots, revs, parsed, nil); len(got) != 40 || len(got["app.models.m01"].Models) == 0 {
				b.Fatalf("%d modules", len(got))
			}
		}
	})
}

// TestResolveImportsOnCores: the modules parsed on several cores give
// what one core gives; a module the setup parsed is taken as it is, not
// read again; a name reached twice (an import and a `from` of the same
// package) is one entry.
func TestResolveImportsOnCores(t *testing.T) {
	roots := finderTree(t)
	var revs []*lint.Revision
	for i := range 20 {
		p := filepath.Join(roots[0], "app", "models", fmt.Sprintf("m%02d.py", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprintf("class User%d(Base):\n    __tablename__ = 'users%d'\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		revs = append(revs, &lint.Revision{Imports: []lint.Import{
			{Module: "sqlalchemy", Names: []string{"Column"}},
			{Module: "app.models", Names: []string{fmt.Sprintf("m%02d", i)}},
			{Module: fmt.Sprintf("app.models.m%02d", i), Names: []string{fmt.Sprintf("User%d", i)}},
		}})
	}
	r := files.New(filepath.Dir(roots[0]))
	// The setup "parsed" m03 differently from what its file says.
	p := python.NewParser()
	defer p.Close()
	m03 := filepath.Join(roots[0], "app", "models", "m03.py")
	parsed := Parsed{m03: p.ParseModule([]byte("class FromTheSetup(Base):\n    pass\n"))}

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := ResolveImports(r, roots, revs, parsed, nil)
	runtime.GOMAXPROCS(4)
	got := ResolveImports(r, roots, revs, parsed, nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("four cores:\n%v\none core:\n%v", got, want)
	}
	if len(got) != 21 { // app.models and its 20 modules
		t.Errorf("%d modules: %v", len(got), got)
	}
	if m := got["app.models.m07"]; m == nil || !reflect.DeepEqual(m.Models, []string{"User7"}) || !m.ModelLayer {
		t.Errorf("app.models.m07 = %+v", m)
	}
	if m := got["app.models.m03"]; m == nil || !reflect.DeepEqual(m.Models, []string{"FromTheSetup"}) {
		t.Errorf("app.models.m03 = %+v, want the setup's module", m)
	}
}

// TestResolveImportsReadsOutlines: the models and tables named from the
// outline of the modules a revision imports are those the whole modules
// name.
func TestResolveImportsReadsOutlines(t *testing.T) {
	roots := finderTree(t)
	sources := map[string]string{
		"app/models/users.py":  "from app.db import Base\nimport sqlalchemy as sa\n\nclass Mixin:\n    x = 1\n\nclass User(Base):\n    __tablename__ = 'users'\n\nclass Admin(User, Mixin):\n    pass\n\nroles = sa.Table('roles', Base.metadata)\n",
		"app/models/orders.py": "from app.db import db\n\nclass Order(db.Model):\n    def total(self):\n        return sum(x for x in self.items)\n\nclass Helper(object):\n    pass\n",
	}
	var revs []*lint.Revision
	parsed := Parsed{}
	p := python.NewParser()
	defer p.Close()
	for rel, src := range sources {
		path := filepath.Join(roots[0], rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		parsed[path] = p.ParseModule([]byte(src))
		module := strings.ReplaceAll(strings.TrimSuffix(rel, ".py"), "/", ".")
		revs = append(revs, &lint.Revision{Imports: []lint.Import{{Module: module, Names: []string{"X"}}}})
	}
	r := files.New(filepath.Dir(roots[0]))
	outlines, whole := ResolveImports(r, roots, revs, nil, nil), ResolveImports(r, roots, revs, parsed, nil)
	if !reflect.DeepEqual(outlines, whole) {
		t.Errorf("from outlines:\n%v\nfrom whole modules:\n%v", outlines, whole)
	}
	if m := outlines["app.models.users"]; m == nil || !reflect.DeepEqual(m.Models, []string{"User", "Admin", "roles"}) {
		t.Errorf("app.models.users: %+v", m)
	}
}

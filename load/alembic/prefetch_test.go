package alembic

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/cache"
)

// prefetchProject is an application whose env.py reaches 60 modules
// through imports, with a model module it never imports, so that the
// import closure walks all of them (nothing stops it early).
func prefetchProject(t *testing.T) string {
	files := map[string]string{
		"alembic.ini":              "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://u@h/d\n",
		"migrations/versions/a.py": rev,
		"migrations/env.py":        "from app.db import Base\nimport app.models\ntarget_metadata = Base.metadata\n",
		"app/__init__.py":          "",
		"app/db.py":                "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n",
		"app/util/__init__.py":     "",
		"app/orphan.py":            "from app.db import Base\nimport sqlalchemy as sa\nclass Orphan(Base):\n    __tablename__ = 'orphan'\n    id = sa.Column(sa.Integer, primary_key=True)\n",
	}
	var models strings.Builder
	for i := range 30 {
		fmt.Fprintf(&models, "from app.models import m%d\n", i)
		files[fmt.Sprintf("app/models/m%d.py", i)] = fmt.Sprintf("from app.db import Base\nfrom app.util import u%d\nfrom .m%d import *\nimport sqlalchemy as sa\n\nclass M%d(Base):\n    __tablename__ = 't%d'\n    id = sa.Column(sa.Integer, primary_key=True)\n    x = sa.Column(sa.String(u%d.SIZE))\n",
			i, (i+1)%30, i, i, i)
		// Several imports each, and some size, so that the walk goes down
		// one while the helpers parse the others.
		var body strings.Builder
		for f := range 100 {
			fmt.Fprintf(&body, "\ndef helper%d(a, b=None):\n    return os.getenv('X%d', str(a) + str(b))\n", f, f)
		}
		files[fmt.Sprintf("app/util/u%d.py", i)] = fmt.Sprintf("import os\nfrom app.util import u%d, u%d, u%d\nSIZE = %d\n%s",
			(i+1)%30, (i+7)%30, (i+13)%30, i, body.String())
	}
	files["app/models/__init__.py"] = models.String()
	return writeTree(t, files)
}

func readPrefetchSetup(t *testing.T, dir string, gate <-chan struct{}) *lint.Setup {
	t.Helper()
	l, err := Discover(anywhere(), dir)
	if err != nil {
		t.Fatal(err)
	}
	l.CoresFree = gate
	done := make(chan *lint.Setup, 1)
	go func() {
		s, _, _, _ := ReadSetup(l)
		done <- s
	}()
	select {
	case s := <-done:
		return s
	case <-time.After(30 * time.Second):
		t.Fatal("ReadSetup did not return in 30 s")
		return nil
	}
}

// TestPrefetchChangesNothing: read with helpers parsing ahead of the
// import closure (now, or once the cores are free, or never because the
// cores never are), the setup is the one a single core reads.
func TestPrefetchChangesNothing(t *testing.T) {
	dir := prefetchProject(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := readPrefetchSetup(t, dir, nil) // one core: no helpers
	if want.Env == nil || len(want.Env.ImportedModules) < 60 {
		t.Fatalf("the closure reached %v: the test walks too little", want.Env)
	}
	runtime.GOMAXPROCS(4)
	freed := make(chan struct{})
	close(freed)
	for round := range 5 {
		for _, gate := range []struct {
			name string
			ch   chan struct{}
		}{{"no gate", nil}, {"cores free", freed}, {"cores never free", make(chan struct{})}} {
			before := helped.Load()
			got := readPrefetchSetup(t, dir, gate.ch)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, %s: the setup differs from one core's:\n%+v\n%+v", round, gate.name, got.Env, want.Env)
			}
			t.Logf("round %d, %s: helpers parsed %d", round, gate.name, helped.Load()-before)
			// The helpers parsed some of it, unless the cores were never free.
			switch n := helped.Load() - before; {
			case gate.name == "cores never free" && n != 0:
				t.Errorf("round %d: the helpers parsed %d modules before the cores were free", round, n)
			case gate.name != "cores never free" && round == 4 && helped.Load() == 0:
				t.Errorf("the helpers never parsed a module: the test compares one core with one core")
			}
		}
	}
}

// TestClosureReadsImportsOnly: the modules the import closure only passes
// through are read for their imports, not parsed whole (ReadSetup's
// parsed modules leave them out), and the closure still reaches all of
// them; one asked for afterwards is parsed whole. With the module cache,
// a second run takes their imports from it and reads the same setup.
func TestClosureReadsImportsOnly(t *testing.T) {
	dir := prefetchProject(t)
	l, err := Discover(anywhere(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _, parsed, _ := ReadSetup(l)
	util := 0
	for _, m := range want.Env.ImportedModules {
		if strings.HasPrefix(m, "app.util.") {
			util++
		}
	}
	if util != 30 {
		t.Fatalf("the closure reached %d of the 30 app.util modules: %v", util, want.Env.ImportedModules)
	}
	models := 0
	for path, m := range parsed {
		switch {
		case strings.Contains(path, "/app/util/u"):
			t.Errorf("%s was parsed whole; the closure needs its imports only", path)
		case strings.Contains(path, "/app/models/m") && m.Reading == python.Whole:
			models++
		}
	}
	if models != 30 {
		t.Errorf("%d of the 30 model modules were parsed whole", models)
	}

	proj := scanProject(python.NewParser(), []string{dir}, l)
	if m := proj.importsOf("app.util.u1"); m == nil || m.Reading != python.Imports || len(m.Imports) != 2 {
		t.Fatalf("importsOf(app.util.u1) = %+v, want its two imports only", m)
	}
	if m := proj.get("app.util.u1"); m == nil || m.Reading != python.Whole || m.Assignments["SIZE"].Value.Text != "1" {
		t.Fatalf("get(app.util.u1) after importsOf = %+v, want the whole module", m)
	}

	c, err := cache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"first run", "cached run"} {
		mods := c.Modules(dir)
		l.Modules = mods
		got, _, _, _ := ReadSetup(l)
		if err := mods.Save(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s with the module cache: the setup differs:\n%+v\n%+v", run, got.Env, want.Env)
		}
	}
	u1, err := os.ReadFile(filepath.Join(dir, "app", "util", "u1.py"))
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := c.Modules(dir).Part(python.Imports, u1); !ok || m.Reading != python.Imports {
		t.Error("the cache holds no imports of app/util/u1.py: the cached run read them again")
	}
}

package alembic

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
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

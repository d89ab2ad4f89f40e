package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/cache"
)

// writeProject writes a small Alembic project of n revisions, each adding
// a column, and returns its alembic.ini.
func writeProject(t testing.TB, dir string, n int) string {
	t.Helper()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, content string) {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://x@localhost/x\n")
	write(filepath.Join(dir, "migrations", "env.py"), "from alembic import context\n")
	down := "None"
	for i := range n {
		id := fmt.Sprintf("rev%04d", i)
		write(filepath.Join(versions, id+"_step.py"), fmt.Sprintf(`"""step %d"""
from alembic import op
import sqlalchemy as sa

revision = %q
down_revision = %s


def upgrade():
    op.add_column("users", sa.Column("col_%d", sa.Text(), nullable=False))
    op.execute("CREATE INDEX ix_%d ON users (col_%d)")


def downgrade():
    op.drop_column("users", "col_%d")
`, i, id, down, i, i, i, i))
		down = fmt.Sprintf("%q", id)
	}
	return filepath.Join(dir, "alembic.ini")
}

func loadWith(t testing.TB, ini string, c *cache.Cache) *Result {
	t.Helper()
	res, err := Load(context.Background(), Request{Dir: filepath.Dir(ini), Path: ini, Cache: c})
	if err != nil {
		t.Error(err)
		return nil
	}
	return res
}

// differs compares two loads revision by revision: "" when they agree.
func differs(got, want *Result) string {
	if got == nil || want == nil {
		return "no result"
	}
	if len(got.Project.Revisions) != len(want.Project.Revisions) {
		return fmt.Sprintf("%d revisions, want %d", len(got.Project.Revisions), len(want.Project.Revisions))
	}
	for i, w := range want.Project.Revisions {
		if !reflect.DeepEqual(got.Project.Revisions[i], w) {
			return w.File + " differs from a load without the cache"
		}
	}
	return ""
}

// TestCacheSeesOneByte: a second run reads the cache and gives what a run
// without it gives; after one byte of one file changes, the next run
// reads that file afresh and sees the change.
func TestCacheSeesOneByte(t *testing.T) {
	ini := writeProject(t, t.TempDir(), 20)
	c, err := cache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"first run", "cached run"} {
		res := loadWith(t, ini, c)
		if d := differs(res, loadWith(t, ini, nil)); d != "" {
			t.Fatalf("%s: %s", run, d)
		}
		if want := map[string]int{"first run": 0, "cached run": 20}[run]; res.CachedFiles != want {
			t.Fatalf("%s read %d files from the cache, want %d", run, res.CachedFiles, want)
		}
		// Lowered, a revision's calls are let go, whether it was parsed
		// or read from the cache: what rules need of them is on the ops.
		for _, rev := range res.Project.Revisions {
			if rev.Ops == nil || len(rev.Ops.Upgrade) == 0 || rev.Calls != nil {
				t.Fatalf("%s: %s has %d upgrade ops and %d calls, want ops and no calls", run, rev.File, len(rev.Ops.Of(lint.DirectionUpgrade)), len(rev.Calls))
			}
		}
	}

	file := loadWith(t, ini, nil).Project.Revisions[7].File
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), `"col_7"`)
	data[i+5] = '8' // "col_7" -> "col_8" in add_column
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	after := loadWith(t, ini, c)
	if d := differs(after, loadWith(t, ini, nil)); d != "" {
		t.Fatalf("after the change: %s", d)
	}
	if after.CachedFiles != 19 {
		t.Fatalf("after the change %d files came from the cache, want 19", after.CachedFiles)
	}
	rev, _ := after.Project.RevisionOf(file)
	if got := rev.Ops.Upgrade[0].Column; got != "col_8" {
		t.Fatalf("after changing one byte the cached run reads column %q, want col_8", got)
	}
}

// TestCacheConcurrentRuns: runs of the same project at the same time, some
// writing the pack while others read it, all give the uncached result.
func TestCacheConcurrentRuns(t *testing.T) {
	ini := writeProject(t, t.TempDir(), 30)
	want := loadWith(t, ini, nil)
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := cache.Open(dir, "test")
			if err != nil {
				t.Error(err)
				return
			}
			for j := range 3 {
				if d := differs(loadWith(t, ini, c), want); d != "" {
					t.Errorf("run %d.%d: %s", i, j, d)
				}
			}
		}()
	}
	wg.Wait()
	c, _ := cache.Open(dir, "test")
	if res := loadWith(t, ini, c); res == nil || res.CachedFiles != 30 {
		t.Fatal("after the concurrent runs the pack does not hold every file")
	}
}

// writeModelsProject writes a project whose env.py targets the metadata
// of app/models.py, where one model names its table.
func writeModelsProject(t testing.TB, dir string) (ini, models string) {
	t.Helper()
	ini = writeProject(t, dir, 3)
	write := func(path, content string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "migrations", "env.py"), "from alembic import context\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n")
	write(filepath.Join(dir, "app", "__init__.py"), "")
	models = filepath.Join(dir, "app", "models.py")
	write(models, "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = \"users\"\n")
	return ini, models
}

// TestModuleCacheSeesOneByte: the project's modules (env.py and the
// models behind it) come from the cache on a second run and give the
// setup a run without the cache gives; after one byte of the models
// module changes, the next run sees the change.
func TestModuleCacheSeesOneByte(t *testing.T) {
	ini, models := writeModelsProject(t, t.TempDir())
	dir := t.TempDir()
	c, err := cache.Open(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	tableOf := func(res *Result) string {
		if res == nil || res.Project.Setup == nil || res.Project.Setup.Models == nil {
			return "(no models)"
		}
		var tables []string
		for _, b := range res.Project.Setup.Models.Bases {
			for _, m := range b.Models {
				tables = append(tables, m.Table)
			}
		}
		return strings.Join(tables, ",")
	}
	for _, run := range []string{"first run", "cached run"} {
		got, want := loadWith(t, ini, c), loadWith(t, ini, nil)
		if !reflect.DeepEqual(got.Project.Setup, want.Project.Setup) {
			t.Fatalf("%s: the setup differs from a load without the cache", run)
		}
		if table := tableOf(got); table != "users" {
			t.Fatalf("%s: models name %q, want users", run, table)
		}
	}
	if packs, _ := filepath.Glob(filepath.Join(dir, "*", "*.pack")); len(packs) != 3 {
		t.Fatalf("packs %v: want one of revisions, one of modules and one of the modules env.py's imports pass through", packs)
	}
	data, err := os.ReadFile(models)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), `"users"`)
	data[i+5] = 't' // "users" -> "usert"
	if err := os.WriteFile(models, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, want := loadWith(t, ini, c), loadWith(t, ini, nil)
	if !reflect.DeepEqual(got.Project.Setup, want.Project.Setup) {
		t.Fatal("after the change: the setup differs from a load without the cache")
	}
	if table := tableOf(got); table != "usert" {
		t.Fatalf("after changing one byte the cached run reads table %q, want usert", table)
	}
}

package load

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/cache"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// benchProject writes a 300-revision project once per benchmark.
func benchProject(b *testing.B) string {
	b.Helper()
	return writeProject(b, b.TempDir(), 300)
}

func benchLoad(b *testing.B, req Request) {
	b.Helper()
	ctx := context.Background()
	for b.Loop() {
		if _, err := Load(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFull: a full check's load of 300 revisions (read, parse,
// lower), without the cache.
func BenchmarkLoadFull(b *testing.B) {
	ini := benchProject(b)
	benchLoad(b, Request{Dir: filepath.Dir(ini), Path: ini})
}

// BenchmarkLoadCached: the same with every extraction in the cache.
func BenchmarkLoadCached(b *testing.B) {
	ini := benchProject(b)
	c, err := cache.Open(b.TempDir(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Dir: filepath.Dir(ini), Path: ini, Cache: c}
	if _, err := Load(context.Background(), req); err != nil {
		b.Fatal(err)
	}
	benchLoad(b, req)
}

// BenchmarkLoadPullRequest: --base main on a git repository of 300
// revisions on main and one new revision on the checked-out branch: the
// pull-request path (git included).
func BenchmarkLoadPullRequest(b *testing.B) {
	ini := benchProject(b)
	dir := filepath.Dir(ini)
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=bench", "-c", "user.email=bench@example.com"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "main")
	git("checkout", "-q", "-b", "feature")
	if err := os.WriteFile(filepath.Join(dir, "migrations", "versions", "new_revision.py"), []byte(
		"revision = \"new\"\ndown_revision = \"rev0299\"\n\n\ndef upgrade():\n    op.add_column(\"users\", sa.Column(\"x\", sa.Text()))\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	req := Request{Dir: dir, Path: ini, Base: "main"}
	res, err := Load(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(res.Project.Targets()); n != 1 {
		b.Fatalf("%d revisions under lint, want 1", n)
	}
	benchLoad(b, req)
}

// BenchmarkReadHistory: what 300 revisions create, from their operations
// and their bytes (each file creates five tables, runs SQL and pads with
// columns, as an initial revision does).
func BenchmarkReadHistory(b *testing.B) {
	var files []alembic.File
	var revs []*lint.Revision
	for i := range 300 {
		var sb strings.Builder
		fmt.Fprintf(&sb, "revision = \"rev%04d\"\n\n\ndef upgrade():\n", i)
		for t := range 5 {
			fmt.Fprintf(&sb, "    op.create_table(\n        \"table_%d_%d\",\n", i, t)
			for c := range 20 {
				fmt.Fprintf(&sb, "        sa.Column(\"col_%d\", sa.Text(), nullable=True),\n", c)
			}
			sb.WriteString("    )\n")
		}
		fmt.Fprintf(&sb, "    op.execute(\"CREATE TABLE IF NOT EXISTS raw_%d (id int)\")\n    op.execute(\"ALTER TABLE raw_%d RENAME TO renamed_%d\")\n", i, i, i)
		path := fmt.Sprintf("/p/versions/rev%04d.py", i)
		files = append(files, alembic.File{Path: path, Data: []byte(sb.String())})
		revs = append(revs, &lint.Revision{File: path})
	}
	for b.Loop() {
		if h := readHistory(files, revs, make([]*created, len(files))); len(h.Created) != 2100 {
			b.Fatalf("%d tables created, want 2100", len(h.Created))
		}
	}
}

// BenchmarkReadVersionFiles: finding and reading 300 revision files.
func BenchmarkReadVersionFiles(b *testing.B) {
	ini := benchProject(b)
	dir := filepath.Dir(ini)
	layout, err := discover(files.New(dir), Request{Dir: dir, Path: ini})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		read, _, err := alembic.ReadVersionFiles(context.Background(), layout)
		if err != nil || len(read) != 300 {
			b.Fatalf("%d files, %v", len(read), err)
		}
	}
}

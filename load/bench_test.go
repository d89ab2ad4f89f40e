package load

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/migrate-lint/migrate-lint/load/cache"
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

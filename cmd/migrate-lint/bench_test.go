package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkCheckTree runs `migrate-lint check` in one process on the
// project in MIGRATE_LINT_BENCH_DIR (arguments in MIGRATE_LINT_BENCH_ARGS,
// space-separated), so that a real project (the corpus tree scripts/bench
// builds) can be profiled with -cpuprofile without a hook in the product:
//
//	MIGRATE_LINT_BENCH_DIR=/path/to/corpus MIGRATE_LINT_BENCH_ARGS="alembic.ini --no-cache" \
//	  go test -run X -bench CheckTree -cpuprofile cpu.out ./cmd/migrate-lint
func BenchmarkCheckTree(b *testing.B) {
	dir := os.Getenv("MIGRATE_LINT_BENCH_DIR")
	if dir == "" {
		b.Skip("MIGRATE_LINT_BENCH_DIR is not set")
	}
	b.Chdir(dir)
	args := append([]string{"check", "--format", "json"}, strings.Fields(os.Getenv("MIGRATE_LINT_BENCH_ARGS"))...)
	// One run before the timed ones fills the extraction cache (this test
	// binary's own), so that a check without --no-cache measures the warm path.
	if code := run(context.Background(), args, io.Discard, io.Discard); code > exitFindings {
		b.Fatalf("check exited %d", code)
	}
	for b.Loop() {
		if code := run(context.Background(), args, io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("check exited %d", code)
		}
	}
}

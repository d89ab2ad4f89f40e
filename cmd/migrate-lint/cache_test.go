package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/migrate-lint/migrate-lint/load/cache"
)

// TestMain keeps the tests' cache packs out of the user's cache directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "migrate-lint-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv(cache.DirEnv, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// packs lists the pack files of the cache directory.
func packs(t *testing.T, dir string) []string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(dir, "*", "*.pack"))
	return found
}

// TestCheckCache: check writes the cache and a second run reports the
// same; --no-cache neither reads nor writes it.
func TestCheckCache(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(cache.DirEnv, dir)
	out1, _, code1 := runCLI(t, "check", "testdata/example", "--no-cache", "--format", "json")
	if got := packs(t, dir); len(got) != 0 {
		t.Fatalf("--no-cache wrote %v", got)
	}
	out2, _, code2 := runCLI(t, "check", "testdata/example", "--format", "json")
	if got := packs(t, dir); len(got) != 2 {
		t.Fatalf("check wrote %d packs, want 2 (the revisions', and the modules' of the setup)", len(got))
	}
	out3, _, code3 := runCLI(t, "check", "testdata/example", "--format", "json")
	if out1 != out2 || out2 != out3 || code1 != code2 || code2 != code3 {
		t.Fatalf("the runs without, into and from the cache differ:\n%s\n%s\n%s", out1, out2, out3)
	}
}

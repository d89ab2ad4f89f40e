package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestHeapPreparedBeforeTheDependencies: package heapstart reserves the
// huge-page heap for check before TiDB's parser, the largest of the
// packages' initialisations, allocates (its benefit depends on that order,
// which Go takes from the import paths), and reserves nothing for
// version.
func TestHeapPreparedBeforeTheDependencies(t *testing.T) {
	bin := buildBinary(t)
	inits := func(args ...string) []string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(cmd.Environ(), "GODEBUG=inittrace=1", "GITHUB_ACTIONS=")
		out, _ := cmd.CombinedOutput()
		var lines []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "init ") {
				lines = append(lines, l)
			}
		}
		return lines
	}
	position := func(lines []string, pkg string) (int, string) {
		for i, l := range lines {
			if strings.HasPrefix(l, "init "+pkg+" @") {
				return i, l
			}
		}
		t.Fatalf("no init of %s in:\n%s", pkg, strings.Join(lines, "\n"))
		return 0, ""
	}
	check := inits("check", t.TempDir())
	at, line := position(check, "github.com/migrate-lint/migrate-lint/internal/heapstart")
	tidb, _ := position(check, "github.com/pingcap/tidb/pkg/parser")
	if at > tidb {
		t.Errorf("heapstart is initialised after TiDB's parser:\n%s", strings.Join(check, "\n"))
	}
	if !strings.Contains(line, "134217") {
		t.Errorf("check: heapstart reserved no heap: %s", line)
	}
	if _, line := position(inits("version"), "github.com/migrate-lint/migrate-lint/internal/heapstart"); !strings.Contains(line, " 0 bytes") {
		t.Errorf("version: heapstart allocated: %s", line)
	}
}

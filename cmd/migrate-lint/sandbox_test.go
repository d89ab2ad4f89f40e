package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/migrate-lint/migrate-lint/sandbox"
)

// needEnv returns a value the sandbox tests require: skipped on a
// developer's machine without it, a failure in CI.
func needEnv(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf(`%s is not set: run eval "$(scripts/start-test-servers)"`, name)
		}
		t.Skipf(`%s is not set: run eval "$(scripts/start-test-servers)"`, name)
	}
	return v
}

// buildBinary builds migrate-lint once per test binary, for tests that
// need a fresh process (signals, environment read at start).
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "migrate-lint")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Join(repoRoot, "cmd", "migrate-lint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func TestSandboxCommandJSON(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	stdout, stderr, code := runCLI(t, "sandbox", "sandbox/testdata/faults", "--database-url", url, "--python", py, "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Diagnostics []struct{ Rule, Message string }
		Sandbox     struct {
			Provider  string
			Revisions []struct {
				Revision, Status string
				UpgradeMs        float64 `json:"upgrade_ms"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sandbox.Revisions) != 5 || doc.Sandbox.Revisions[0].UpgradeMs <= 0 || !strings.Contains(doc.Sandbox.Provider, "***") {
		t.Errorf("sandbox table: %+v", doc.Sandbox)
	}
	rules := map[string]bool{}
	for _, d := range doc.Diagnostics {
		rules[d.Rule] = true
		if !strings.HasPrefix(d.Rule, "ML6") {
			t.Errorf("the sandbox command reported a static finding: %+v", d)
		}
	}
	for _, id := range []string{"ML601", "ML602", "ML603", "ML604", "ML606"} {
		if !rules[id] {
			t.Errorf("no %s in %v", id, rules)
		}
	}
	if strings.Contains(stdout+stderr, "migrate-lint@127.0.0.1") {
		t.Error("the password appears in the output")
	}
}

func TestCheckWithSandboxOnExample(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	stdout, stderr, code := runCLI(t, "check", "testdata/example", "--sandbox", "--database-url", url, "--python", py, "--no-color")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Static findings and the sandbox table in one report; both heads are
	// tested. The NOT NULL column that ML401 predicts to fail on a
	// non-empty table does fail on the generated rows (ML601), and only
	// there: every other revision survives up/down/up.
	for _, want := range []string{"ML101 error", "ML401 error", "Sandbox on server postgresql://postgres:***@", "1a2b3c4d5e6f", "5e6f708192a3",
		`3c4d5e6f7081_add_sentiment.py:23:1: ML601 error upgrade fails on existing rows: column "sentiment" of relation "conversation_log" contains null values (SQLSTATE 23502)`,
		`the table "conversation_log" had 4 generated rows`, "upgrade-failed-with-rows"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "ML601"); n != 1 {
		t.Errorf("%d ML601 findings, want 1:\n%s", n, stdout)
	}
	for _, bad := range []string{"ML602", "ML603", "ML604", "parent-failed", "downgrade-failed"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("unexpected %q in:\n%s", bad, stdout)
		}
	}
}

func TestSandboxRefusals(t *testing.T) {
	bin := buildBinary(t)
	run := func(env []string, args ...string) (string, int, time.Duration) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), env...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		}
		return stderr.String(), code, time.Since(start)
	}
	stderr, code, took := run([]string{"DOCKER_HOST=unix:///nonexistent/docker.sock"}, "sandbox", "testdata/example")
	if code != 2 || !strings.Contains(stderr, "--database-url") || took > 15*time.Second {
		t.Errorf("no Docker engine: exit %d after %s: %s", code, took, stderr)
	}
	stderr, code, _ = run([]string{"GITHUB_EVENT_NAME=pull_request_target"}, "check", "--sandbox", "testdata/example")
	if code != 2 || !strings.Contains(stderr, "refusing to run under pull_request_target") {
		t.Errorf("pull_request_target: exit %d: %s", code, stderr)
	}
}

func TestInterruptRemovesDatabase(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	bin := buildBinary(t)
	cmd := exec.Command(bin, "sandbox", "sandbox/testdata/slow", "--database-url", url, "--python", py)
	cmd.Dir = repoRoot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the slow step runs, then press Ctrl-C.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), "upgrade a1: ok") && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 {
		t.Errorf("interrupted run: %v: %s", err, stderr.String())
	}
	pgURL := strings.Replace(url, "postgresql://", "postgres://", 1)
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	prefix := sandbox.ProcessPrefix(cmd.Process.Pid) + "%"
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM pg_database WHERE datname LIKE $1", prefix).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d sandbox databases left after Ctrl-C", n)
	}
}

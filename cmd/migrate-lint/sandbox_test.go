package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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

// runBinary runs a fresh migrate-lint process from the repository root
// with extra environment, and returns its stdout, stderr, exit code and
// wall time.
func runBinary(t *testing.T, bin string, env []string, args ...string) (string, string, int, time.Duration) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code, took
}

// hungDockerSocket is a unix socket that accepts connections and never
// answers, as a wedged Docker engine does.
func hungDockerSocket(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "docker.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	return "unix://" + path
}

func TestSandboxRefusals(t *testing.T) {
	needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	bin := buildBinary(t)
	py := "--python=" + os.Getenv("MIGRATE_LINT_TEST_PYTHON")
	// No engine where DOCKER_HOST points, or one that never answers: a
	// clear error within 5 s that names what was tried and the way out,
	// never a panic, and never a silent fallback to another engine.
	for _, c := range []struct{ name, host, tried string }{
		{"no socket", "unix:///nonexistent/docker.sock", "tried DOCKER_HOST=unix:///nonexistent/docker.sock (no socket there)"},
		{"socket that never answers", hungDockerSocket(t), "(did not answer within 3s)"},
	} {
		_, stderr, code, took := runBinary(t, bin, []string{"DOCKER_HOST=" + c.host}, "sandbox", "testdata/example", py)
		if code != 2 || !strings.Contains(stderr, c.tried) || !strings.Contains(stderr, "--database-url") || strings.Contains(stderr, "panic") || took > 5*time.Second {
			t.Errorf("%s: exit %d after %s: %s", c.name, code, took, stderr)
		}
	}
	// check --sandbox that cannot start the sandbox still prints every
	// static finding, then exits 2 with the reason.
	stdout, stderr, code, _ := runBinary(t, bin, []string{"DOCKER_HOST=unix:///nonexistent/docker.sock"}, "check", "--sandbox", "testdata/example", py, "--no-color")
	if code != 2 || !strings.Contains(stdout, "ML101 error") || !strings.Contains(stdout, "ML401 error") || !strings.Contains(stdout, "Found 3 errors") ||
		!strings.Contains(stderr, "migrate-lint: sandbox: no Docker engine answered") {
		t.Errorf("check --sandbox without Docker: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// The interpreter is checked before any container starts: a missing
	// one, and one without Alembic (site-packages switched off).
	noAlembic := filepath.Join(t.TempDir(), "python-without-alembic")
	if err := os.WriteFile(noAlembic, []byte("#!/bin/sh\nexec "+os.Getenv("MIGRATE_LINT_TEST_PYTHON")+" -S \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ python, want string }{
		{"/nonexistent/python3", `cannot run Python "/nonexistent/python3"`},
		{noAlembic, `cannot import Alembic: ModuleNotFoundError: No module named 'alembic'`},
	} {
		_, stderr, code, _ := runBinary(t, bin, nil, "sandbox", "testdata/example", "--python", c.python)
		if code != 2 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "pass --python") {
			t.Errorf("python %s: exit %d: %s", c.python, code, stderr)
		}
	}
	stderr, code = runOut(t, bin, []string{"GITHUB_EVENT_NAME=pull_request_target"}, "check", "--sandbox", "testdata/example")
	if code != 2 || !strings.Contains(stderr, "refusing to run under pull_request_target") {
		t.Errorf("pull_request_target: exit %d: %s", code, stderr)
	}
}

func runOut(t *testing.T, bin string, env []string, args ...string) (string, int) {
	t.Helper()
	_, stderr, code, _ := runBinary(t, bin, env, args...)
	return stderr, code
}

// TestSandboxDialectMismatch: a project configured for MySQL is refused a
// PostgreSQL database, in words; the static findings still print.
func TestSandboxDialectMismatch(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	stdout, stderr, code := runCLI(t, "check", "--sandbox", "sandbox/testdata/clean", "--dialect", "mysql", "--database-url", url, "--python", py, "--no-color")
	if code != 2 || !strings.Contains(stderr, "sandbox: the project targets MySQL; --database-url is PostgreSQL") || !strings.Contains(stdout, "in 5 files (5 revisions)") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// TestSandboxModelsFlag: ML608 is opt-in; --models turns the comparison on.
func TestSandboxModelsFlag(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	count := func(args ...string) (int, string) {
		stdout, stderr, code := runCLI(t, append([]string{"sandbox", "sandbox/testdata/models_drift", "--database-url", url, "--python", py, "--format", "json"}, args...)...)
		if code != 0 && code != 1 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var doc struct{ Diagnostics []struct{ Rule, Path string } }
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		n, paths := 0, ""
		for _, d := range doc.Diagnostics {
			if d.Rule == "ML608" {
				n++
				paths = d.Path
			}
		}
		return n, paths
	}
	if n, _ := count(); n != 0 {
		t.Errorf("without --models: %d ML608 findings", n)
	}
	if n, path := count("--models"); n != 4 || path != "sandbox/testdata/models_drift/app/models.py" {
		t.Errorf("with --models: %d ML608 findings, on %s", n, path)
	}
}

func TestInterruptRemovesDatabase(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	bin := buildBinary(t)
	pgURL := strings.Replace(url, "postgresql://", "postgres://", 1)
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cmd := exec.Command(bin, "sandbox", "sandbox/testdata/slow", "--database-url", url, "--python", py)
	cmd.Dir = repoRoot
	var stderr syncBuffer // read here while the process writes it
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the server runs the slow step, then press Ctrl-C.
	prefix := sandbox.ProcessPrefix(cmd.Process.Pid) + "%"
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE $1 AND state = 'active' AND strpos(query, 'pg_sleep') > 0", prefix).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("the slow step never ran: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 130 {
		t.Errorf("interrupted run: %v: %s", err, stderr.String())
	}
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM pg_database WHERE datname LIKE $1", prefix).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d sandbox databases left after Ctrl-C", n)
	}
}

// TestSandboxSettings: the [sandbox] table's seed (relative to the
// settings file), models and rows keys.
func TestSandboxSettings(t *testing.T) {
	url, py := needEnv(t, "MIGRATE_LINT_TEST_POSTGRES_URL"), needEnv(t, "MIGRATE_LINT_TEST_PYTHON")
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(repoRoot, "sandbox", "testdata", "seeded")+"/.", dir).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	settings := filepath.Join(dir, ".migrate-lint.toml")
	for _, c := range []struct {
		settings string
		want     []string
		not      []string
	}{
		{"[sandbox]\nseed = \"seed.sql\"\nmodels = true\n",
			[]string{`ML601 error upgrade fails on existing rows`, `the table "codes" had 2 rows from the seed hook`,
				"migrate-lint: notice: sandbox: env.py gives no target_metadata, so the models were not compared"}, nil},
		{"[sandbox]\nseed = \"seed.sql\"\nrows = false\n", nil, []string{"ML601", "target_metadata"}},
	} {
		if err := os.WriteFile(settings, []byte(c.settings), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runCLI(t, "sandbox", filepath.Join(dir, "alembic.ini"), "--database-url", url, "--python", py, "--no-color")
		if code == 2 {
			t.Fatalf("%s: exit 2: %s", c.settings, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stdout+stderr, w) {
				t.Errorf("%s: missing %q in:\n%s\n%s", c.settings, w, stdout, stderr)
			}
		}
		for _, n := range c.not {
			if strings.Contains(stdout+stderr, n) {
				t.Errorf("%s: unexpected %q in:\n%s\n%s", c.settings, n, stdout, stderr)
			}
		}
	}
}

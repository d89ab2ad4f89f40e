package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestNothingFromOutsideTheRepository: a revision file in the
// repository that is a symbolic link to a file elsewhere with unique
// content: the content appears in no output, and a notice names the link.
func TestNothingFromOutsideTheRepository(t *testing.T) {
	repo := gitRepo(t)
	const secret = "UNIQUE_OUTSIDE_CONTENT_7f3a9c"
	outside := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(outside, []byte(secret+":x:0:0:root:/root:/bin/bash\nrevision = '"+secret+"'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(repo, "migrations", "versions", "x.py")); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		stdout, stderr, code := runCLI(t, filepath.Join(repo, "alembic.ini"), "--format", format, "--no-color")
		if code != 1 || strings.Contains(stdout+stderr, secret) || strings.Contains(stdout+stderr, ":x:0:0:") {
			t.Errorf("%s: exit %d, the outside file's content is in the output:\n%s\n%s", format, code, stdout, stderr)
		}
		if !strings.Contains(stderr, "not read, outside") || !strings.Contains(stderr, "migrations/versions/x.py -> "+outside) {
			t.Errorf("%s: no notice names the link:\n%s", format, stderr)
		}
	}
}

// TestCommandLineEdges: `--` ends the options; a --base that git would
// read as an option is refused; an --output that cannot be written is a
// warning and the findings keep their exit code; a written --output
// replaces the file whole.
func TestCommandLineEdges(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"-dashed/versions/a.py": "\"\"\"base\"\"\"\nrevision = 'a'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"})
	t.Chdir(dir)
	t.Setenv("GITHUB_ACTIONS", "")
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"check", "--dialect", "postgresql", "--", "-dashed/versions"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "in 1 file (1 revision)") {
		t.Errorf("after --: exit %d\n%s%s", code, out.String(), errOut.String())
	}

	_, stderr, code := runCLI(t, "testdata/example", "--base=--all")
	if code != 2 || !strings.Contains(stderr, `--base "--all" is not a git ref`) {
		t.Errorf("--base=--all: exit %d %s", code, stderr)
	}

	report := filepath.Join(dir, "report.json")
	os.WriteFile(report, []byte(strings.Repeat("stale ", 100000)), 0o644)
	_, stderr, code = runCLI(t, "testdata/example", "--output", "json="+report, "--output", "sarif="+filepath.Join(dir, "missing", "x.sarif"))
	if code != 1 || !strings.Contains(stderr, "warning: cannot write "+filepath.Join(dir, "missing", "x.sarif")) {
		t.Errorf("unwritable --output: exit %d, want the findings' 1\n%s", code, stderr)
	}
	data, _ := os.ReadFile(report)
	if strings.Contains(string(data), "stale") || !strings.HasSuffix(string(data), "}\n") {
		t.Errorf("--output was not replaced whole: %.100s", data)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestGraphReportsCycles: graph shows a cycle as one and fails, as check
// does (ML105).
func TestGraphReportsCycles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"versions/a.py": "revision = 'a'; down_revision = 'b'\n", "versions/b.py": "revision = 'b'\ndown_revision = 'a'\n"})
	stdout, stderr, code := runCLI(t, "graph", filepath.Join(dir, "versions"), "--dialect", "postgresql")
	if code != 1 || !strings.Contains(stdout, "Cycles (1):\n  a -> b -> a") || !strings.Contains(stderr, "cycle") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestInterruptedRunWritesNothing: a run whose context a signal cancelled
// writes neither the report nor --output, and exits 128+signal.
func TestInterruptedRunWritesNothing(t *testing.T) {
	t.Chdir(repoRoot)
	t.Setenv("GITHUB_ACTIONS", "")
	report := filepath.Join(t.TempDir(), "report.json")
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(interrupted{sig})
		var stdout, stderr strings.Builder
		code := exitCode(ctx, run(ctx, []string{"testdata/example", "--output", "json=" + report}, &stdout, &stderr), &stderr)
		if _, err := os.Stat(report); code != want || stdout.Len() > 0 || err == nil {
			t.Errorf("%v: exit %d, stdout %q, report written: %v", sig, code, stdout.String(), err == nil)
		}
		if !strings.Contains(stderr.String(), "stopped without a report") {
			t.Errorf("%v: stderr %q", sig, stderr.String())
		}
	}
}

// TestBinaryUnderStress runs the built binary when it is interrupted and
// when the machine is loaded.
func TestBinaryUnderStress(t *testing.T) {
	bin := buildBinary(t)
	t.Run("signals", func(t *testing.T) { signalsStopTheBinary(t, bin) })
	t.Run("loaded machine", func(t *testing.T) { sameVerdictUnderLoad(t, bin) })
}

// sameVerdictUnderLoad: the same project gets the same report and exit
// code on an idle machine and on one whose cores are all busy (parallel
// CPU burners). A wall-clock parse timeout once turned a large valid
// file into a false ML001 and exit 1 under load.
func sameVerdictUnderLoad(t *testing.T, bin string) {
	repo := gitRepo(t)
	var big strings.Builder
	big.WriteString("\"\"\"a large generated revision\n\nRevision ID: 6f708192a3b4\nRevises: 5e6f708192a3\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = \"6f708192a3b4\"\ndown_revision = \"5e6f708192a3\"\n\n\ndef upgrade():\n")
	for i := range 12000 {
		fmt.Fprintf(&big, "    op.add_column(\"events\", sa.Column(\"c%d\", sa.Numeric(12, 2), nullable=True, comment=\"generated column %d of the events table\"))\n", i, i)
	}
	big.WriteString("\n\ndef downgrade():\n    pass\n")
	os.WriteFile(filepath.Join(repo, "migrations", "versions", "6f708192a3b4_big.py"), []byte(big.String()), 0o644)
	check := func() (string, int) {
		cmd := exec.Command(bin, "check", filepath.Join(repo, "alembic.ini"), "--format", "json")
		cmd.Dir = repo
		out, err := cmd.Output()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	idle, idleCode := check()
	if !strings.Contains(idle, "6f708192a3b4_big.py") || strings.Contains(idle, "ML001") || strings.Contains(idle, "ML005") {
		t.Fatalf("idle run: exit %d\n%.2000s", idleCode, idle)
	}
	for range 4 * runtime.NumCPU() {
		burner := exec.Command("sh", "-c", "while :; do :; done")
		if err := burner.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { burner.Process.Kill(); burner.Wait() })
	}
	loaded, loadedCode := check()
	if loaded != idle || loadedCode != idleCode {
		t.Errorf("the verdict depends on the load: exit %d idle, %d loaded\n--- idle\n%.3000s\n--- loaded\n%.3000s", idleCode, loadedCode, idle, loaded)
	}
}

// signalsStopTheBinary: Ctrl-C (SIGINT) and SIGTERM stop a check of
// 8,000 revisions between files, with exit 130 and 143 and no --output.
func signalsStopTheBinary(t *testing.T, bin string) {
	dir := t.TempDir()
	versions := filepath.Join(dir, "versions")
	os.MkdirAll(versions, 0o755)
	for i := range 8000 {
		down := "None"
		if i > 0 {
			down = fmt.Sprintf("'r%05d'", i-1)
		}
		body := fmt.Sprintf("revision = 'r%05d'\ndown_revision = %s\n\ndef upgrade():\n    op.add_column('t', sa.Column('c%d', sa.Integer()))\n\ndef downgrade():\n    op.drop_column('t', 'c%d')\n", i, down, i, i)
		if err := os.WriteFile(filepath.Join(versions, fmt.Sprintf("r%05d.py", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		report := filepath.Join(dir, "report.json")
		cmd := exec.Command(bin, "check", versions, "--dialect", "postgresql", "--output", "json="+report)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForWork(t, cmd.Process.Pid)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		code := -1
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		}
		if _, serr := os.Stat(report); code != want || serr == nil {
			t.Errorf("%v: exit %d (want %d), report written: %v\n%s", sig, code, want, serr == nil, stderr.String())
		}
	}
}

// waitForWork polls until the process has read half a megabyte, which it
// does only from its revision files: main has installed its signal
// handler by then (the Go runtime catches SIGINT from the start, with the
// default action, so the handler mask cannot tell), and most of the work
// is still ahead.
func waitForWork(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		io, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(io), "\n") {
			if n, ok := strings.CutPrefix(line, "rchar: "); ok {
				if read, _ := strconv.Atoi(n); read > 512<<10 {
					return
				}
			}
		}
		time.Sleep(time.Millisecond) // polling with a deadline, not waiting for a result
	}
	t.Fatalf("process %d read nothing", pid)
}

// TestGitHubModeAnnotatesNotices: in GitHub mode a skipped file is also
// an annotation on it, not only a line on stderr.
func TestGitHubModeAnnotatesNotices(t *testing.T) {
	repo := gitRepo(t)
	if err := syscall.Mkfifo(filepath.Join(repo, "migrations", "versions", "pipe.py"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	os.WriteFile(event, []byte("{}"), 0o644)
	t.Chdir(repo)
	for k, v := range map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": event, "GITHUB_EVENT_NAME": "push", "GITHUB_WORKSPACE": repo,
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary"), "GITHUB_OUTPUT": filepath.Join(tmp, "output"), "RUNNER_TEMP": tmp, "INPUT_PATH": "alembic.ini"} {
		t.Setenv(k, v)
	}
	var stdout, stderr strings.Builder
	code := run(context.Background(), nil, &stdout, &stderr)
	want := "::warning file=migrations/versions/pipe.py::migrate-lint: skipped: it is a named pipe, not a regular file"
	if code != 1 || !strings.Contains(stdout.String(), want) {
		t.Errorf("exit %d, no annotation %q in:\n%s\n%s", code, want, stdout.String(), stderr.String())
	}
}

// syncBuffer is a buffer a test may read while a process writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

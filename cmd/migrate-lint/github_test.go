package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/internal/fakegithub"
)

// gitOut runs git in dir and returns its output.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return string(out)
}

// TestGitHubModeEndToEnd runs the built binary as the Action would on a
// pull_request event: a real repository with a base and a head commit, the
// fake API, and the runner's files for the summary and the outputs.
func TestGitHubModeEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	repo := gitRepo(t)
	newFile := filepath.Join("migrations", "versions", "6f708192a3b4_add_nickname.py")
	if err := os.WriteFile(filepath.Join(repo, newFile), []byte(featureRevision), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-qm", "add nickname")
	baseSHA := strings.TrimSpace(gitOut(t, repo, "rev-parse", "main"))
	headSHA := strings.TrimSpace(gitOut(t, repo, "rev-parse", "HEAD"))
	patch := gitOut(t, repo, "diff", "main", "HEAD", "--", newFile)
	patch = patch[strings.Index(patch, "@@"):]

	fake := fakegithub.New("acme", "shop", 7, "s3cret")
	defer fake.Close()
	fake.Files = []fakegithub.File{{Filename: filepath.ToSlash(newFile), Status: "added", Patch: strings.TrimSuffix(patch, "\n")}}

	tmp := t.TempDir()
	event := filepath.Join(tmp, "event.json")
	payload, _ := json.Marshal(map[string]any{"pull_request": map[string]any{
		"number": 7, "head": map[string]any{"sha": headSHA}, "base": map[string]any{"ref": "main", "sha": baseSHA},
	}})
	os.WriteFile(event, payload, 0o644)
	summaryFile, outputFile := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "output")
	os.WriteFile(summaryFile, nil, 0o644)
	os.WriteFile(outputFile, nil, 0o644)
	sarif := filepath.Join(tmp, "migrate-lint.sarif")

	runAction := func(extraEnv ...string) (string, string, int) {
		cmd := exec.Command(bin)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTIONS=true", "GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH="+event,
			"GITHUB_REPOSITORY=acme/shop", "GITHUB_API_URL="+fake.URL+"/api/v3", "GITHUB_WORKSPACE="+repo,
			"GITHUB_STEP_SUMMARY="+summaryFile, "GITHUB_OUTPUT="+outputFile, "RUNNER_TEMP="+tmp,
			"INPUT_PATH=alembic.ini", "INPUT_GITHUB-TOKEN=s3cret", "INPUT_COMMENT-MODE=both", "INPUT_CHECK-RUN=true",
			"INPUT_SARIF-FILE="+sarif)
		cmd.Env = append(cmd.Env, extraEnv...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		settled(fake)
		err := cmd.Run()
		settled(fake)
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		}
		return stdout.String(), stderr.String(), code
	}

	stdout, stderr, code := runAction()
	if code != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	// Annotations: the new revision's findings only, as workflow commands.
	if !strings.Contains(stdout, "::error file=migrations/versions/6f708192a3b4_add_nickname.py,line=18,") || strings.Contains(stdout, "3c4d5e6f7081") {
		t.Errorf("annotations:\n%s", stdout)
	}
	summary, _ := os.ReadFile(summaryFile)
	if !strings.Contains(string(summary), "### migrate-lint: 1 error, 1 warning") {
		t.Errorf("job summary:\n%s", summary)
	}
	outputs, _ := os.ReadFile(outputFile)
	for _, want := range []string{"findings", "errors", "warnings", "report-json", "sarif-file"} {
		if !strings.Contains(string(outputs), want) {
			t.Errorf("output %s missing:\n%s", want, outputs)
		}
	}
	if data, err := os.ReadFile(sarif); err != nil || !strings.Contains(string(data), `"version": "2.1.0"`) {
		t.Errorf("SARIF file: %v", err)
	}
	log := fake.Log()
	for _, want := range []string{
		"POST /repos/acme/shop/issues/7/comments -> 201",
		"POST /repos/acme/shop/pulls/7/reviews event=COMMENT comments=2 -> 200",
		"POST /repos/acme/shop/check-runs annotations=2 -> 201",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("API calls lack %q:\n%s", want, log)
		}
	}
	if len(fake.CheckRuns) != 1 || fake.CheckRuns[0].Conclusion != "failure" || fake.CheckRuns[0].HeadSHA != headSHA {
		t.Errorf("check run %+v", fake.CheckRuns)
	}

	// Locally, --base gives the Action's findings.
	actionReport, _ := os.ReadFile(filepath.Join(tmp, "migrate-lint-report.json"))
	local := exec.Command(bin, "check", "alembic.ini", "--base", "main", "--format", "json")
	local.Dir = repo
	local.Env = append(os.Environ(), "GITHUB_ACTIONS=")
	localReport, _ := local.Output()
	if fingerprints(t, actionReport) != fingerprints(t, localReport) || fingerprints(t, localReport) == "" {
		t.Errorf("--base locally differs from the Action:\n%s\n%s", fingerprints(t, localReport), fingerprints(t, actionReport))
	}

	// A re-run posts nothing new.
	fake.ResetLog()
	if _, _, code := runAction(); code != 1 {
		t.Errorf("re-run exit %d", code)
	}
	if log := fake.Log(); strings.Contains(log, "/reviews") || strings.Contains(log, "POST /repos/acme/shop/issues") {
		t.Errorf("re-run posted again:\n%s", log)
	}

	// A fork's read-only token: a warning, the same verdict.
	fake.Mu.Lock()
	fake.ReadOnly = true
	fake.Mu.Unlock()
	stdout, _, code = runAction()
	if code != 1 || !strings.Contains(stdout, "::warning::migrate-lint: the token cannot write to this pull request") {
		t.Errorf("fork run: exit %d\n%s", code, stdout)
	}

	// A shallow checkout (no merge base): the change set comes from the
	// pull request's files, with a warning.
	fake.Mu.Lock()
	fake.ReadOnly = false
	fake.Mu.Unlock()
	os.WriteFile(event, []byte(strings.Replace(string(payload), baseSHA, strings.Repeat("0", 40), 1)), 0o644)
	stdout, _, code = runAction()
	if code != 1 || !strings.Contains(stdout, "using the pull request's file list") || strings.Contains(stdout, "3c4d5e6f7081_add_sentiment") {
		t.Errorf("shallow run: exit %d\n%s", code, stdout)
	}

	// A sandbox that cannot start: the static findings still reach the
	// annotations, the summary and the check run, which fails, and the
	// run exits 2 (incomplete), saying why.
	os.WriteFile(event, payload, 0o644)
	os.WriteFile(summaryFile, nil, 0o644)
	fake.ResetLog()
	stdout, stderr, code = runAction("INPUT_SANDBOX=true", "INPUT_PYTHON=/usr/bin/python3", "DOCKER_HOST=unix:///nonexistent/docker.sock")
	if code != 2 {
		t.Errorf("sandbox that cannot start: exit %d, want 2\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "::error file=migrations/versions/6f708192a3b4_add_nickname.py,line=18,") || !strings.Contains(stdout, "::error::migrate-lint: sandbox: ") {
		t.Errorf("annotations without the static findings or the sandbox's failure:\n%s", stdout)
	}
	summary, _ = os.ReadFile(summaryFile)
	if !strings.Contains(string(summary), "The sandbox did not run") || !strings.Contains(string(summary), "6f708192a3b4") {
		t.Errorf("job summary:\n%s", summary)
	}
	if log := fake.Log(); !strings.Contains(log, "/repos/acme/shop/check-runs") {
		t.Errorf("no check run for a run whose sandbox did not start:\n%s", log)
	}
}

// fingerprints lists a JSON report's rule:fingerprint pairs.
func fingerprints(t *testing.T, report []byte) string {
	t.Helper()
	var doc struct {
		Diagnostics []struct{ Rule, Fingerprint string }
	}
	if err := json.Unmarshal(report, &doc); err != nil {
		t.Fatalf("%v: %s", err, report)
	}
	var out []string
	for _, d := range doc.Diagnostics {
		out = append(out, d.Rule+":"+d.Fingerprint)
	}
	return strings.Join(out, " ")
}

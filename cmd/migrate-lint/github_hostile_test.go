package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/migrate-lint/migrate-lint/internal/fakegithub"
)

// A pull request an attacker wrote: a revision whose file name, docstring
// and column name carry workflow commands, ESC sequences, HTML, a
// mention and the tool's own marker, and a binary file whose name does
// the same through the loader's skip notice.
const (
	hostileRevisionName = "7a8b9c0d1e2f_add\n::stop-commands::tok%0A\x1b[2J,b:c ##[warning]w.py"
	hostileBinaryName   = "zz_bin\n::warning::notice-injection ##[error]e.py"
	hostileRevision     = `"""add </details> @acme/admins ##[warning]docstring

Revision ID: 7a8b9c0d1e2f
Revises: 5e6f708192a3
"""
from alembic import op
import sqlalchemy as sa

revision = "7a8b9c0d1e2f"
down_revision = "5e6f708192a3"


def upgrade():
    op.add_column("users", sa.Column("nick</details><img src=x onerror=alert(1)>@acme/admins ##[add-mask]m\n::stop-commands::tok\x1b[2J<!-- migrate-lint:summary project=alembic.ini -->", sa.String(50), nullable=False))


def downgrade():
    op.drop_column("users", "nick")
`
)

// action is one pull request, its fake API and the runner's files, for
// running the built binary as the Action does.
type action struct {
	t                      *testing.T
	bin, repo, dir         string
	fake                   *fakegithub.Server
	apiURL                 string
	event, summary, output string
	baseSHA, headSHA       string
	env                    []string
	stdout, stderr         string
	code                   int
	elapsed                time.Duration
}

// newAction commits files (path -> content, relative to the repository)
// on the feature branch of the example repository and serves the pull
// request on a fake API.
func newAction(t *testing.T, bin string, files map[string]string) *action {
	t.Helper()
	a := &action{t: t, bin: bin, repo: gitRepo(t), dir: t.TempDir()}
	writeFiles(t, a.repo, files)
	gitIn(t, a.repo, "add", "-A")
	gitIn(t, a.repo, "commit", "-qm", "feature", "--allow-empty")
	a.baseSHA = strings.TrimSpace(gitOut(t, a.repo, "rev-parse", "main"))
	a.headSHA = strings.TrimSpace(gitOut(t, a.repo, "rev-parse", "HEAD"))
	a.fake = fakegithub.New("acme", "shop", 7, "s3cret")
	t.Cleanup(a.fake.Close)
	a.apiURL = a.fake.URL + "/api/v3"
	a.event = filepath.Join(a.dir, "event.json")
	a.summary, a.output = filepath.Join(a.dir, "summary.md"), filepath.Join(a.dir, "output")
	return rebase(t, a)
}

// run runs the GitHub mode with the runner's environment, the inputs
// given as NAME=value, and extra environment variables.
func (a *action) run(inputs ...string) {
	a.t.Helper()
	cmd := exec.Command(a.bin)
	cmd.Dir = a.repo
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTIONS=true", "GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH="+a.event,
		"GITHUB_REPOSITORY=acme/shop", "GITHUB_API_URL="+a.apiURL, "GITHUB_WORKSPACE="+a.repo,
		"GITHUB_STEP_SUMMARY="+a.summary, "GITHUB_OUTPUT="+a.output, "RUNNER_TEMP="+a.dir,
		"INPUT_GITHUB-TOKEN=s3cret", "INPUT_COMMENT-MODE=both", "INPUT_CHECK-RUN=true")
	for _, in := range inputs {
		name, value, _ := strings.Cut(in, "=")
		cmd.Env = append(cmd.Env, "INPUT_"+strings.ToUpper(name)+"="+value)
	}
	cmd.Env = append(cmd.Env, a.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	settled(a.fake)
	start := time.Now()
	err := cmd.Run()
	a.elapsed = time.Since(start)
	a.code = 0
	if exit, ok := err.(*exec.ExitError); ok {
		a.code = exit.ExitCode()
	} else if err != nil {
		a.t.Fatal(err)
	}
	a.stdout, a.stderr = stdout.String(), stderr.String()
	settled(a.fake)
}

// settled orders what the test did to the fake before what it serves
// next, and what it served before what the test reads next: the binary
// talks to it from another process, which the race detector cannot see
// through. A run calls it before it starts and after it ends; changes
// to the fake's state between runs are made under its lock.
func settled(f *fakegithub.Server) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
}

// runnerLines splits a step's output as the runner does (LF, CR, CRLF).
func runnerLines(s string) []string { return regexp.MustCompile(`\r\n|\r|\n`).Split(s, -1) }

// ourCommand is a workflow command the tool means to print.
// A finding's annotation names its position and rule; a skipped file's
// (a loader notice) only the file.
var ourCommand = regexp.MustCompile(`^::(error|warning|notice)( file=[^:]*,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=ML\d{3} [a-z-]+| file=[^:,]*)?::`)

// checkRunnerOutput fails on any line of stdout that is not one of the
// tool's commands, any command on stderr, and raw ESC anywhere.
func checkRunnerOutput(t *testing.T, stdout, stderr string) {
	t.Helper()
	for _, l := range runnerLines(strings.TrimSuffix(stdout, "\n")) {
		// The runner reads a line as the tool's command first (so a
		// "##[" in a property is inert); the message must not carry one.
		m := ourCommand.FindString(l)
		if m == "" || strings.Contains(l[len(m):], "##[") || strings.ContainsAny(l[len(m):], "\x1b\x07") {
			t.Errorf("stdout line is not one of the tool's commands: %q", l)
		}
	}
	for _, l := range runnerLines(stderr) {
		if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") || strings.Contains(l, "##[") {
			t.Errorf("the runner reads a command on stderr: %q", l)
		}
	}
	if strings.ContainsAny(stderr, "\x1b\x07") {
		t.Errorf("raw control characters on stderr")
	}
}

// checkMarkdown fails on HTML that is not the tool's, a mention, a marker
// other than the tool's one at the end, or unbalanced <details>.
func checkMarkdown(t *testing.T, where, md string) {
	t.Helper()
	body := regexp.MustCompile(`\n?<!-- migrate-lint:(summary|fp=[0-9a-f]+) project=\S+ -->\s*$`).ReplaceAllString(md, "")
	for _, tag := range regexp.MustCompile(`<[^>]*>`).FindAllString(body, -1) {
		switch tag {
		case "<code>", "</code>", "<details>", "</details>", "<summary>", "</summary>":
		default:
			t.Errorf("%s: HTML from a value: %s", where, tag)
		}
	}
	if strings.Count(body, "<details>") != strings.Count(body, "</details>") {
		t.Errorf("%s: unbalanced <details>", where)
	}
	if regexp.MustCompile(`@[A-Za-z0-9]`).MatchString(body) {
		t.Errorf("%s: a mention survives:\n%s", where, body)
	}
	if strings.ContainsAny(body, "\x1b\x07") {
		t.Errorf("%s: raw control characters", where)
	}
}

// TestGitHubModeSafety runs the GitHub mode as the Action does against
// hostile and failing pull requests, on one build of the binary.
func TestGitHubModeSafety(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range []struct {
		name string
		test func(*testing.T, string)
	}{
		{"HostilePullRequest", testGitHubModeHostilePullRequest},
		{"WorkingDirectory", testGitHubModeWorkingDirectory},
		{"TwoProjects", testGitHubModeTwoProjects},
		{"SilentAPI", testGitHubModeSilentAPI},
		{"MissingRunnerFiles", testGitHubModeMissingRunnerFiles},
		{"Outputs", testGitHubModeOutputs},
		{"UnknownCommentMode", testGitHubModeUnknownCommentMode},
		{"OutsideFile", testOutsideFileNeverPublished},
		{"AllowRootsFromPullRequest", testAllowRootsFromPullRequest},
		{"AllowRootsFromBase", testAllowRootsFromBase},
	} {
		t.Run(c.name, func(t *testing.T) { c.test(t, bin) })
	}
}

// testGitHubModeHostilePullRequest: every channel of the GitHub mode
// shows the attacker's values inert.
func testGitHubModeHostilePullRequest(t *testing.T, bin string) {
	a := newAction(t, bin, map[string]string{
		"migrations/versions/" + hostileRevisionName: hostileRevision,
	})
	// A file that is skipped with a notice: a broken link.
	if err := os.Symlink("missing", filepath.Join(a.repo, "migrations", "versions", hostileBinaryName)); err != nil {
		t.Fatal(err)
	}
	a.run("PATH=alembic.ini")
	if a.code != 1 {
		t.Fatalf("exit %d\n%s\n%s", a.code, a.stdout, a.stderr)
	}
	checkRunnerOutput(t, a.stdout, a.stderr)
	// The annotation names the file as the runner will decode it.
	if !strings.Contains(a.stdout, "::error file=migrations/versions/7a8b9c0d1e2f_add%0A%3A%3Astop-commands%3A%3Atok%250A\x1b[2J%2Cb%3Ac ##[warning]w.py,line=14,") {
		t.Errorf("annotation:\n%s", a.stdout)
	}
	if !strings.Contains(a.stderr, `migrate-lint: warning: migrations/versions/zz_bin\n::warning::notice-injection \x23#[error]e.py: skipped: broken symbolic link`) {
		t.Errorf("notice:\n%s", a.stderr)
	}
	summary, err := os.ReadFile(a.summary)
	if err != nil {
		t.Fatal(err)
	}
	checkMarkdown(t, "job summary", string(summary))
	if !strings.Contains(string(summary), "&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;@&#8203;acme/admins") {
		t.Errorf("job summary does not show the column name escaped:\n%s", summary)
	}
	if len(a.fake.IssueComments) != 1 || len(a.fake.ReviewComments) == 0 || len(a.fake.CheckRuns) != 1 {
		t.Fatalf("%d comments, %d review comments, %d check runs", len(a.fake.IssueComments), len(a.fake.ReviewComments), len(a.fake.CheckRuns))
	}
	checkMarkdown(t, "summary comment", a.fake.IssueComments[0].Body)
	for _, c := range a.fake.ReviewComments {
		checkMarkdown(t, "review comment", c.Body)
		if !regexp.MustCompile(`\n\n<!-- migrate-lint:fp=[0-9a-f]{16} project=alembic.ini -->$`).MatchString(c.Body) || strings.Count(c.Body, "<!--") != 1 {
			t.Errorf("review comment marker: %q", c.Body)
		}
	}
	checkMarkdown(t, "check run", a.fake.CheckRuns[0].Summary)
	if !strings.HasSuffix(a.fake.IssueComments[0].Body, "\n<!-- migrate-lint:summary project=alembic.ini -->") || strings.Count(a.fake.IssueComments[0].Body, "<!--") != 1 {
		t.Errorf("summary marker: %q", a.fake.IssueComments[0].Body)
	}

	// The re-run finds its comments despite the marker in the column
	// name, and posts nothing new.
	a.fake.ResetLog()
	a.run("PATH=alembic.ini")
	if log := a.fake.Log(); a.code != 1 || strings.Contains(log, "POST /repos/acme/shop/issues") || strings.Contains(log, "/reviews") || strings.Contains(log, "DELETE") {
		t.Errorf("re-run: exit %d\n%s", a.code, log)
	}
}

// testGitHubModeWorkingDirectory: with working-directory, annotations,
// comments and the check run name files relative to the repository, and
// the marker names the project there.
func testGitHubModeWorkingDirectory(t *testing.T, bin string) {
	a := newAction(t, bin, nil)
	// Move the project into app/ on both branches.
	gitIn(t, a.repo, "checkout", "-q", "main")
	if err := os.Mkdir(filepath.Join(a.repo, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	gitIn(t, a.repo, "mv", "migrations", "alembic.ini", "app/")
	gitIn(t, a.repo, "commit", "-qm", "into app/")
	gitIn(t, a.repo, "checkout", "-q", "feature")
	gitIn(t, a.repo, "reset", "-q", "--hard", "main")
	writeFiles(t, a.repo, map[string]string{"app/migrations/versions/6f708192a3b4_add_nickname.py": featureRevision})
	gitIn(t, a.repo, "add", "-A")
	gitIn(t, a.repo, "commit", "-qm", "add nickname")
	a = rebase(t, a)
	a.run("WORKING-DIRECTORY=app", "PATH=alembic.ini")
	if a.code != 1 {
		t.Fatalf("exit %d\n%s\n%s", a.code, a.stdout, a.stderr)
	}
	if !strings.Contains(a.stdout, "::error file=app/migrations/versions/6f708192a3b4_add_nickname.py,line=18,") {
		t.Errorf("annotations are not repository-relative:\n%s", a.stdout)
	}
	if strings.Contains(a.stdout, "file=migrations/") {
		t.Errorf("an annotation relative to the working directory:\n%s", a.stdout)
	}
	if len(a.fake.ReviewComments) == 0 || a.fake.ReviewComments[0].Path != "app/migrations/versions/6f708192a3b4_add_nickname.py" {
		t.Errorf("review comments %+v", a.fake.ReviewComments)
	}
	if len(a.fake.IssueComments) != 1 || !strings.HasSuffix(a.fake.IssueComments[0].Body, "<!-- migrate-lint:summary project=app/alembic.ini -->") {
		t.Errorf("summary comment %+v", a.fake.IssueComments)
	}
	summary, _ := os.ReadFile(a.summary)
	if !strings.Contains(string(summary), "<code>app/migrations/versions/6f708192a3b4&#95;add&#95;nickname.py</code>") {
		t.Errorf("job summary paths:\n%s", summary)
	}
}

// rebase serves the feature branch's current state as the pull request:
// its files and patches on the fake API, the event with its commits.
func rebase(t *testing.T, a *action) *action {
	t.Helper()
	a.baseSHA = strings.TrimSpace(gitOut(t, a.repo, "rev-parse", "main"))
	a.headSHA = strings.TrimSpace(gitOut(t, a.repo, "rev-parse", "HEAD"))
	a.fake.Mu.Lock()
	defer a.fake.Mu.Unlock()
	a.fake.Files = nil
	for _, name := range strings.Split(gitOut(t, a.repo, "diff", "-z", "--name-only", "main", "HEAD"), "\x00") {
		if name == "" {
			continue
		}
		patch := gitOut(t, a.repo, "diff", "main", "HEAD", "--", name)
		if i := strings.Index(patch, "@@"); i >= 0 {
			patch = patch[i:]
		}
		a.fake.Files = append(a.fake.Files, fakegithub.File{Filename: name, Status: "added", Patch: strings.TrimSuffix(patch, "\n")})
	}
	payload, _ := json.Marshal(map[string]any{"pull_request": map[string]any{
		"number": 7, "head": map[string]any{"sha": a.headSHA}, "base": map[string]any{"ref": "main", "sha": a.baseSHA},
	}})
	if err := os.WriteFile(a.event, payload, 0o644); err != nil {
		t.Fatal(err)
	}
	return a
}

// testGitHubModeTwoProjects: two projects of one pull request keep a
// comment each, and a clean run of one leaves the other's findings.
func testGitHubModeTwoProjects(t *testing.T, bin string) {
	a := newAction(t, bin, nil)
	gitIn(t, a.repo, "checkout", "-q", "main")
	if out, err := exec.Command("cp", "-r", filepath.Join(a.repo, "migrations"), filepath.Join(a.repo, "billing")).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	gitIn(t, a.repo, "add", "-A")
	gitIn(t, a.repo, "commit", "-qm", "billing project")
	gitIn(t, a.repo, "checkout", "-q", "feature")
	gitIn(t, a.repo, "reset", "-q", "--hard", "main")
	writeFiles(t, a.repo, map[string]string{
		"migrations/versions/6f708192a3b4_add_nickname.py": featureRevision,
		"billing/versions/6f708192a3b4_add_nickname.py":    featureRevision,
	})
	gitIn(t, a.repo, "add", "-A")
	gitIn(t, a.repo, "commit", "-qm", "add nickname twice")
	a = rebase(t, a)

	a.run("PATH=alembic.ini", "CHECK-RUN=false")
	a.run("PATH=billing", "CHECK-RUN=false")
	if a.code != 1 || len(a.fake.IssueComments) != 2 {
		t.Fatalf("exit %d, %d comments\n%s", a.code, len(a.fake.IssueComments), a.stderr)
	}
	app, billing := a.fake.IssueComments[0].Body, a.fake.IssueComments[1].Body
	if !strings.HasSuffix(app, "project=alembic.ini -->") || !strings.HasSuffix(billing, "project=billing -->") {
		t.Fatalf("markers:\n%s\n---\n%s", app, billing)
	}
	reviews := len(a.fake.ReviewComments)

	// billing's finding is fixed (here: its rules are switched off by
	// the settings file beside it).
	writeFiles(t, a.repo, map[string]string{".migrate-lint.toml": "select = [\"ML0\"]\n"})
	a.run("PATH=billing", "CHECK-RUN=false")
	if a.code != 0 {
		t.Fatalf("clean billing run: exit %d\n%s", a.code, a.stderr)
	}
	if a.fake.IssueComments[0].Body != app || !strings.Contains(a.fake.IssueComments[1].Body, "no findings") {
		t.Errorf("after billing's clean run:\n%s\n---\n%s", a.fake.IssueComments[0].Body, a.fake.IssueComments[1].Body)
	}
	for _, c := range a.fake.ReviewComments {
		if strings.HasPrefix(c.Path, "billing/") {
			t.Errorf("billing's review comment stayed: %+v", c)
		}
	}
	if len(a.fake.ReviewComments) == 0 || len(a.fake.ReviewComments) >= reviews {
		t.Errorf("review comments %d -> %d", reviews, len(a.fake.ReviewComments))
	}
}

// testGitHubModeSilentAPI: an API that never answers costs the run its
// budget, no more; the verdict stands and a warning says why.
func testGitHubModeSilentAPI(t *testing.T, bin string) {
	silent, err := fakegithub.NewSilent()
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	a := newAction(t, bin, map[string]string{"migrations/versions/6f708192a3b4_add_nickname.py": featureRevision})
	a.apiURL = silent.URL + "/api/v3"
	a.env = []string{"MIGRATE_LINT_API_TIMEOUT=2s"}
	a.run("PATH=alembic.ini")
	if a.code != 1 {
		t.Errorf("exit %d (the findings' verdict is 1)\n%s\n%s", a.code, a.stdout, a.stderr)
	}
	if !strings.Contains(a.stdout, "::warning::migrate-lint: the GitHub API did not answer within 2s (MIGRATE_LINT_API_TIMEOUT); the summary comment and what follows were skipped.") {
		t.Errorf("no timeout warning:\n%s", a.stdout)
	}
	// Linting this project takes well under a second; the bound is 2s.
	if a.elapsed > 10*time.Second {
		t.Errorf("the run took %v with a 2s API budget", a.elapsed)
	}
	if silent.Accepted() == 0 {
		t.Error("the API was never called")
	}
	t.Logf("run with a silent API: %v", a.elapsed)
}

// testGitHubModeMissingRunnerFiles: without GITHUB_STEP_SUMMARY and
// GITHUB_OUTPUT (an older runner, act, a local run) the summary and the
// outputs are skipped with a notice each; everything else runs.
func testGitHubModeMissingRunnerFiles(t *testing.T, bin string) {
	a := newAction(t, bin, map[string]string{"migrations/versions/6f708192a3b4_add_nickname.py": featureRevision})
	a.env = []string{"GITHUB_STEP_SUMMARY=", "GITHUB_OUTPUT="}
	a.run("PATH=alembic.ini")
	if a.code != 1 || strings.Contains(a.stderr, "panic") || strings.Contains(a.stderr, "goroutine") {
		t.Fatalf("exit %d\n%s", a.code, a.stderr)
	}
	for _, v := range []string{"GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"} {
		if n := strings.Count(a.stdout, "::notice::migrate-lint: "+v+" is not set"); n != 1 {
			t.Errorf("%d notices for %s:\n%s", n, v, a.stdout)
		}
	}
	if len(a.fake.IssueComments) != 1 || len(a.fake.CheckRuns) != 1 {
		t.Errorf("the API channels did not run: %s", a.fake.Log())
	}
	// An unwritable file is a warning, not a crash.
	a.env = []string{"GITHUB_STEP_SUMMARY=" + filepath.Join(a.dir, "no", "such", "dir", "summary.md")}
	a.run("PATH=alembic.ini")
	if a.code != 1 || !strings.Contains(a.stdout, "::warning::migrate-lint: cannot write the job summary (GITHUB_STEP_SUMMARY)") {
		t.Errorf("exit %d\n%s\n%s", a.code, a.stdout, a.stderr)
	}
}

// testGitHubModeOutputs: step outputs use a random heredoc delimiter, as
// @actions/core does.
func testGitHubModeOutputs(t *testing.T, bin string) {
	a := newAction(t, bin, map[string]string{"migrations/versions/6f708192a3b4_add_nickname.py": featureRevision})
	a.run("PATH=alembic.ini", "COMMENT-MODE=none", "CHECK-RUN=false")
	data, err := os.ReadFile(a.output)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^findings<<(ghadelimiter_[0-9a-f]{32})\n(.*)\n(ghadelimiter_[0-9a-f]{32})$`).FindStringSubmatch(string(data))
	if m == nil || m[1] != m[3] || m[2] != "2" {
		t.Errorf("outputs:\n%s", data)
	}
}

func testGitHubModeUnknownCommentMode(t *testing.T, bin string) {
	a := newAction(t, bin, nil)
	a.run("PATH=alembic.ini", "COMMENT-MODE=reviews")
	if a.code != 2 || !strings.Contains(a.stderr, `migrate-lint: comment-mode "reviews": use one of summary, review, both, none`) {
		t.Errorf("exit %d\n%s", a.code, a.stderr)
	}
	if log := a.fake.Log(); log != "\n" {
		t.Errorf("API called:\n%s", log)
	}
}

// TestCheckHostileTerminal: the text format, the graph and the notices
// show the attacker's values on the lines the tool made, with nothing a
// terminal or the runner would act on.
func TestCheckHostileTerminal(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(repoRoot, "testdata", "example")+"/.", dir).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	writeFiles(t, dir, map[string]string{
		"migrations/versions/" + hostileRevisionName: hostileRevision,
		"migrations/versions/" + hostileBinaryName:   "\x00binary",
		// A name that starts the text format's line with "::".
		"migrations/versions/::stop-commands::lead.py": strings.NewReplacer("7a8b9c0d1e2f", "8b9c0d1e2f3a", "5e6f708192a3", "7a8b9c0d1e2f").Replace(hostileRevision),
	})
	t.Setenv("GITHUB_ACTIONS", "")
	t.Chdir(filepath.Join(dir, "migrations", "versions"))
	for _, args := range [][]string{{"check", "../../alembic.ini", "--no-color"}, {"graph", "../../alembic.ini"}, {"graph", "../../alembic.ini", "--format", "json"}} {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), args, &stdout, &stderr)
		if code == 2 {
			t.Fatalf("%v: exit 2\n%s", args, stderr.String())
		}
		for _, out := range []string{stdout.String(), stderr.String()} {
			for _, l := range runnerLines(out) {
				if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") || strings.Contains(l, "##[") {
					t.Errorf("%v: the runner reads a command in %q", args, l)
				}
				if strings.ContainsFunc(l, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }) {
					t.Errorf("%v: control character in %q", args, l)
				}
			}
		}
		if args[0] == "check" && (!strings.Contains(stdout.String(), "\n"+`7a8b9c0d1e2f_add\n::stop-commands::tok%0A\x1b[2J,b:c \x23#[warning]w.py:14:5: ML401 error adding NOT NULL column "nick</details>`) ||
			!strings.Contains(stdout.String(), "\n"+`\x3a:stop-commands::lead.py:14:5: ML401 error`)) {
			t.Errorf("the finding's line:\n%s", stdout.String())
		}
	}
}

// testOutsideFileNeverPublished: a symbolic link named x.py in the
// versions directory, pointing at a file outside the repository, puts no
// byte of that file in any output: every format of check, the graph,
// and everything the GitHub mode prints, writes or sends.
//
// This is issue 11's item 5 (stay inside the repository), built in
// load/alembic by other work. Until it lands, the test skips with a
// message saying so when the loader names the link in no notice; once
// the loader does, a leak fails it.
func testOutsideFileNeverPublished(t *testing.T, bin string) {
	var random [8]byte
	_, _ = rand.Read(random[:])
	secret := "OUTSIDE-" + hex.EncodeToString(random[:])
	outside := filepath.Join(t.TempDir(), "passwd")
	content := "root:x:0:0:" + secret + ":/root:/bin/bash\ndaemon:x:1:1:" + secret + "-2:/usr/sbin\n"
	if err := os.WriteFile(outside, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	a := newAction(t, bin, nil)
	if err := os.Symlink(outside, filepath.Join(a.repo, "migrations", "versions", "x.py")); err != nil {
		t.Fatal(err)
	}
	gitIn(t, a.repo, "add", "-A")
	gitIn(t, a.repo, "commit", "-qm", "x.py")
	a = rebase(t, a)

	leaks := map[string]string{}
	look := func(where, text string) {
		if strings.Contains(text, secret) || strings.Contains(text, "root:x:0:0") {
			leaks[where] = text
		}
	}
	// check in every format, graph in both.
	t.Chdir(a.repo)
	t.Setenv("GITHUB_ACTIONS", "")
	var notices string
	files := t.TempDir()
	checkArgs := []string{"check", "alembic.ini", "--no-color"}
	for _, format := range []string{"json", "sarif", "github", "markdown", "rdjson", "gitlab", "text"} {
		checkArgs = append(checkArgs, "--output", format+"="+filepath.Join(files, format))
	}
	for _, args := range [][]string{checkArgs, {"graph", "alembic.ini"}, {"graph", "alembic.ini", "--format", "json"}} {
		var stdout, stderr bytes.Buffer
		run(t.Context(), args, &stdout, &stderr)
		look(strings.Join(args[:1], " ")+" stdout", stdout.String())
		look(strings.Join(args[:1], " ")+" stderr", stderr.String())
		notices += stderr.String()
	}
	entries, _ := os.ReadDir(files)
	if len(entries) != 7 {
		t.Fatalf("%d output files", len(entries))
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(files, e.Name()))
		look("check --output "+e.Name(), string(data))
	}
	// The GitHub mode: annotations, notices, job summary, outputs, the
	// JSON report, SARIF, and every request body sent to the API.
	a.run("PATH=alembic.ini", "SARIF-FILE="+filepath.Join(a.dir, "x.sarif"))
	look("github stdout", a.stdout)
	look("github stderr", a.stderr)
	notices += a.stderr
	for _, name := range []string{a.summary, a.output, filepath.Join(a.dir, "migrate-lint-report.json"), filepath.Join(a.dir, "x.sarif")} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("GitHub mode wrote no %s: %v", filepath.Base(name), err)
		}
		look("github "+filepath.Base(name), string(data))
	}
	for i, body := range a.fake.Bodies {
		look(fmt.Sprintf("API request body %d", i), body)
	}
	if len(a.fake.Bodies) == 0 {
		t.Error("the GitHub mode sent nothing to the API")
	}
	if !strings.Contains(notices, "x.py") {
		t.Errorf("no notice names migrations/versions/x.py, the link to %s that was not read", outside)
	}
	for _, where := range sortedKeys(leaks) {
		t.Errorf("the outside file's content appears in %s:\n%s", where, leaks[where])
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

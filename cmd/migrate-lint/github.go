package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	gh "github.com/google/go-github/v66/github"
	"github.com/sethvargo/go-githubactions"

	"github.com/migrate-lint/migrate-lint/lint"
	ghpub "github.com/migrate-lint/migrate-lint/lint/github"
	"github.com/migrate-lint/migrate-lint/lint/report"
)

// githubInputs are the Action's inputs (action.yml), read from INPUT_*.
type githubInputs struct {
	path, workingDirectory, base, failLevel, commentMode string
	checkRun, sandbox, annotations                       bool
	databaseURL, python, sarifFile, token                string
}

// input reads INPUT_<NAME> as the runner spells it (hyphens kept), or with
// hyphens as underscores (what a composite action can pass through env).
func input(action *githubactions.Action, name string) string {
	if v := strings.TrimSpace(action.GetInput(name)); v != "" {
		return v
	}
	return strings.TrimSpace(action.Getenv("INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))))
}

func readInputs(action *githubactions.Action) githubInputs {
	in := githubInputs{
		path: input(action, "path"), workingDirectory: input(action, "working-directory"), base: input(action, "base"),
		failLevel: input(action, "fail-level"), commentMode: input(action, "comment-mode"),
		databaseURL: input(action, "database-url"), python: input(action, "python"), sarifFile: input(action, "sarif-file"),
		token: input(action, "github-token"),
	}
	in.checkRun = input(action, "check-run") == "true"
	in.sandbox = input(action, "sandbox") == "true"
	in.annotations = input(action, "annotations") != "false"
	if in.commentMode == "" {
		in.commentMode = "summary"
	}
	if in.token == "" {
		in.token = action.Getenv("GITHUB_TOKEN")
	}
	return in
}

// runGitHub is the GitHub Actions mode: lint the pull request's change,
// then report on every channel the inputs switch on. A reporting failure
// is a warning; only the findings decide the exit code.
func runGitHub(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	action := githubactions.New(githubactions.WithWriter(stdout))
	in := readInputs(action)
	if len(args) > 0 && in.path == "" {
		in.path = args[0]
	}
	if in.workingDirectory != "" {
		if err := os.Chdir(in.workingDirectory); err != nil {
			return fail(stderr, fmt.Errorf("working-directory: %w", err))
		}
	}
	ghctx, err := action.Context()
	if err != nil {
		return fail(stderr, fmt.Errorf("read the GitHub context: %w", err))
	}
	pr := pullRequestOf(ghctx.Event)
	o := options{format: "github", failLevel: in.failLevel, sandbox: in.sandbox, databaseURL: in.databaseURL, python: in.python}
	o.base = in.base
	if o.base == "" && pr.baseSHA != "" {
		o.base = pr.baseSHA
	}
	l, err := load(in.path, &o, nil, stderr)
	if err != nil && o.base != "" {
		// A shallow checkout has no merge base: take the change set from
		// the pull request's files instead (without the base branch's
		// revisions, so ML111-ML113 cannot run), and say so.
		action.Warningf("migrate-lint: no change set from git (%v); using the pull request's file list instead. Check out with fetch-depth: 0 for the stale-base checks (ML111-ML113).", err)
		o.base = ""
		if l, err = load(in.path, &o, nil, stderr); err == nil && pr.number != 0 && in.token != "" {
			if files, ferr := publisherFor(action, ghctx, pr, in.token).Files(ctx); ferr == nil {
				targetChangedFiles(l, files, ghctx.Workspace)
			} else {
				action.Warningf("migrate-lint: cannot list the pull request's files (%v): linting every revision", ferr)
			}
		}
	}
	if err != nil {
		return fail(stderr, err)
	}
	diags, rep, err := lintProject(ctx, l, &o, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	code := verdict(diags, l.config.FailLevel)

	if in.annotations {
		_ = report.WriteGitHub(stdout, rep, report.Options{})
	}
	var md bytes.Buffer
	_ = report.WriteMarkdown(&md, rep, report.Options{})
	action.AddStepSummary(md.String())
	s := rep.Summarize()
	action.SetOutput("findings", strconv.Itoa(len(diags)))
	action.SetOutput("errors", strconv.Itoa(s.Errors))
	action.SetOutput("warnings", strconv.Itoa(s.Warnings))
	if path, err := writeReportFile(action, rep, "json", "migrate-lint-report.json"); err == nil {
		action.SetOutput("report-json", path)
	} else {
		action.Warningf("migrate-lint: cannot write the JSON report: %v", err)
	}
	if in.sarifFile != "" {
		if err := writeFormat(in.sarifFile, "sarif", rep); err != nil {
			action.Warningf("migrate-lint: cannot write the SARIF file: %v", err)
		} else {
			action.SetOutput("sarif-file", in.sarifFile)
		}
	}
	if pr.number != 0 && (in.commentMode != "none" || in.checkRun) {
		publishToPullRequest(ctx, action, ghctx, pr, in, rep, md.String(), code)
	}
	return code
}

type pullRequest struct {
	number           int
	headSHA, baseSHA string
}

func pullRequestOf(event map[string]any) pullRequest {
	var pr pullRequest
	p, _ := event["pull_request"].(map[string]any)
	if p == nil {
		return pr
	}
	if n, ok := p["number"].(float64); ok {
		pr.number = int(n)
	}
	if head, ok := p["head"].(map[string]any); ok {
		pr.headSHA, _ = head["sha"].(string)
	}
	if base, ok := p["base"].(map[string]any); ok {
		pr.baseSHA, _ = base["sha"].(string)
	}
	return pr
}

// publishToPullRequest runs the API channels. A read-only token (a fork's
// pull request) stops them with one warning: the annotations and the job
// summary already carry every finding.
func publishToPullRequest(ctx context.Context, action *githubactions.Action, ghctx *githubactions.GitHubContext, pr pullRequest, in githubInputs, rep *report.Report, markdown string, code int) {
	if in.token == "" {
		action.Warningf("migrate-lint: no github-token: skipping the pull request comment, review comments and check run")
		return
	}
	p := publisherFor(action, ghctx, pr, in.token)
	diags := repoRelative(rep.Diagnostics, ghctx.Workspace)
	degrade := func(channel string, err error) bool {
		if ghpub.IsAccessDenied(err) {
			action.Warningf("migrate-lint: the token cannot write to this pull request (%v): a fork's pull request gets a read-only token. The findings are in the annotations and the job summary.", err)
			return true
		}
		action.Warningf("migrate-lint: %s failed: %v", channel, err)
		return false
	}
	if in.commentMode == "summary" || in.commentMode == "both" {
		if _, err := p.Summary(ctx, markdown, len(diags) > 0); err != nil && degrade("the summary comment", err) {
			return
		}
	}
	if in.commentMode == "review" || in.commentMode == "both" {
		files, err := p.Files(ctx)
		if err == nil {
			_, err = p.Review(ctx, diags, files)
		}
		if err != nil && degrade("the review comments", err) {
			return
		}
	}
	if in.checkRun {
		conclusion := "success"
		if code != exitOK {
			conclusion = "failure"
		}
		s := rep.Summarize()
		title := fmt.Sprintf("%d errors, %d warnings", s.Errors, s.Warnings)
		if _, err := p.CheckRun(ctx, "migrate-lint", conclusion, title, markdown, diags); err != nil {
			degrade("the check run", err)
		}
	}
}

// publisherFor connects to the API the runner names (GitHub or GHES).
func publisherFor(action *githubactions.Action, ghctx *githubactions.GitHubContext, pr pullRequest, token string) *ghpub.Publisher {
	owner, repo := ghctx.Repo()
	client := gh.NewClient(nil).WithAuthToken(token)
	if api := strings.TrimSuffix(ghctx.APIURL, "/"); api != "" && api != "https://api.github.com" {
		if c, err := client.WithEnterpriseURLs(api+"/", api+"/"); err == nil {
			client = c
		} else {
			action.Warningf("migrate-lint: GITHUB_API_URL %q: %v", api, err)
		}
	}
	return &ghpub.Publisher{Client: client, Owner: owner, Repo: repo, Number: pr.number, HeadSHA: pr.headSHA}
}

// targetChangedFiles limits linting to the revisions the pull request adds
// or modifies, by the API's file list.
func targetChangedFiles(l *loaded, files []*gh.CommitFile, workspace string) {
	changed := map[string]bool{}
	for _, f := range files {
		if f.GetStatus() != "removed" {
			changed[f.GetFilename()] = true
		}
	}
	revs := l.project.Targets()
	probe := make([]lint.Diagnostic, len(revs))
	for i, r := range revs {
		probe[i].Path = r.Path
	}
	var targets []*lint.Revision
	for i, d := range repoRelative(probe, workspace) {
		if changed[d.Path] {
			targets = append(targets, revs[i])
		}
	}
	l.project.SetTargets(targets)
}

// repoRelative rewrites paths relative to the repository root, as GitHub
// names the pull request's files.
func repoRelative(diags []lint.Diagnostic, workspace string) []lint.Diagnostic {
	root := workspace
	if out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output(); err == nil {
		root = strings.TrimSpace(string(out))
	}
	out := make([]lint.Diagnostic, len(diags))
	for i, d := range diags {
		out[i] = d
		if root == "" {
			continue
		}
		abs, _ := filepath.Abs(d.Path)
		if rel, err := filepath.Rel(realOrSame(root), realOrSame(abs)); err == nil && !strings.HasPrefix(rel, "..") {
			out[i].Path = filepath.ToSlash(rel)
		}
	}
	return out
}

func realOrSame(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// writeReportFile writes a format into RUNNER_TEMP (or the current
// directory) and returns the path.
func writeReportFile(action *githubactions.Action, rep *report.Report, format, name string) (string, error) {
	dir := action.Getenv("RUNNER_TEMP")
	if dir == "" {
		dir = "."
	}
	path := filepath.Join(dir, name)
	return path, writeFormat(path, format, rep)
}

func writeFormat(path, format string, rep *report.Report) error {
	return writeOutput(output{format: format, path: path}, rep)
}

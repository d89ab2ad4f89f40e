package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	gh "github.com/google/go-github/v66/github"
	"github.com/sethvargo/go-githubactions"

	ghpub "github.com/migrate-lint/migrate-lint/github"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/report"
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
	ghctx, err := action.Context()
	if err != nil {
		return fail(stderr, fmt.Errorf("read the GitHub context: %w", err))
	}
	cwd, err := workingDir()
	if err != nil {
		return fail(stderr, err)
	}
	// working-directory is where the project is read from; nothing
	// changes the process's own directory.
	dir := cwd
	if in.workingDirectory != "" {
		dir = in.workingDirectory
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cwd, dir)
		}
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return fail(stderr, fmt.Errorf("working-directory %q is not a directory of the checkout", in.workingDirectory))
		}
		dir = realPath(dir)
	}
	paths := report.Paths{Cwd: cwd, Repository: repositoryRoot(dir)}
	if paths.Repository == "" && ghctx.Workspace != "" {
		paths.Repository = realPath(ghctx.Workspace)
	}
	pr := pullRequestOf(ghctx.Event)
	o := options{format: "github", failLevel: in.failLevel, sandbox: in.sandbox, databaseURL: in.databaseURL, python: in.python}
	o.base = in.base
	if o.base == "" && pr.baseSHA != "" {
		o.base = pr.baseSHA
	}
	l, err := loadProject(ctx, dir, in.path, &o, false)
	if err != nil && o.base != "" {
		// A shallow checkout has no merge base: take the change set from
		// the pull request's files instead (without the base branch's
		// revisions, so ML111-ML113 cannot run), and say so.
		action.Warningf("migrate-lint: no change set from git (%v); using the pull request's file list instead. Check out with fetch-depth: 0 for the stale-base checks (ML111-ML113).", err)
		o.base = ""
		req := requestFor(dir, in.path, &o)
		if pr.number != 0 && in.token != "" {
			if files, ferr := publisherFor(action, ghctx, pr, in.token, paths).Files(ctx); ferr == nil {
				req.ChangedFiles = changedFiles(files, paths.Repository)
			} else {
				action.Warningf("migrate-lint: cannot list the pull request's files (%v): linting every revision", ferr)
			}
		}
		l, err = load.Load(ctx, req)
	}
	if err != nil {
		return fail(stderr, err)
	}
	printNotices(stderr, l.Notices, paths)
	diags, rep, err := lintProject(ctx, l, &o, paths, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	rep.Paths = paths
	code := verdict(diags, l.Config.FailLevel)

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
		sarif := in.sarifFile
		if !filepath.IsAbs(sarif) {
			sarif = filepath.Join(dir, sarif)
		}
		if err := writeFormat(sarif, "sarif", rep); err != nil {
			action.Warningf("migrate-lint: cannot write the SARIF file: %v", err)
		} else {
			action.SetOutput("sarif-file", sarif)
		}
	}
	if pr.number != 0 && (in.commentMode != "none" || in.checkRun) {
		publishToPullRequest(ctx, action, ghctx, pr, in, rep, md.String(), code)
	}
	return code
}

// requestFor is loadProject's request, for callers that adjust it.
func requestFor(dir, path string, o *options) load.Request {
	return load.Request{
		Dir: dir, Path: path, SettingsFile: o.configPath, Base: o.base, Registry: registry(),
		Flags: load.Flags{
			Dialect: o.dialect, TargetVersion: o.targetVersion, FailLevel: o.failLevel,
			Select: o.selects, Ignore: o.ignores,
		},
	}
}

// changedFiles are the absolute files the pull request adds or modifies,
// from the API's repository-relative names.
func changedFiles(files []*gh.CommitFile, root string) []string {
	out := []string{}
	for _, f := range files {
		if f.GetStatus() == "removed" || root == "" {
			continue
		}
		out = append(out, realPath(filepath.Join(root, filepath.FromSlash(f.GetFilename()))))
	}
	return out
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
	p := publisherFor(action, ghctx, pr, in.token, rep.Paths)
	diags := rep.Diagnostics
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
func publisherFor(action *githubactions.Action, ghctx *githubactions.GitHubContext, pr pullRequest, token string, paths report.Paths) *ghpub.Publisher {
	owner, repo := ghctx.Repo()
	client := gh.NewClient(nil).WithAuthToken(token)
	if api := strings.TrimSuffix(ghctx.APIURL, "/"); api != "" && api != "https://api.github.com" {
		if c, err := client.WithEnterpriseURLs(api+"/", api+"/"); err == nil {
			client = c
		} else {
			action.Warningf("migrate-lint: GITHUB_API_URL %q: %v", api, err)
		}
	}
	return &ghpub.Publisher{Client: client, Owner: owner, Repo: repo, Number: pr.number, HeadSHA: pr.headSHA, Paths: paths}
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

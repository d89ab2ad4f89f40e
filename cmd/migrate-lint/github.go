package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

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
	// allowRoots are the allow-roots input's directories, as written.
	allowRoots []string
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
	in.allowRoots = splitRoots(input(action, "allow-roots"))
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

// splitRoots reads the allow-roots input: paths separated by newlines or
// commas, as a multi-line YAML value or a one-line list gives them.
func splitRoots(v string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// workspaceRoots makes the allow-roots input's paths absolute: relative
// to the workspace (GITHUB_WORKSPACE), else to the working directory.
func workspaceRoots(roots []string, workspace, cwd string) []string {
	base := workspace
	if base == "" {
		base = cwd
	}
	out := make([]string, 0, len(roots))
	for _, r := range roots {
		if !filepath.IsAbs(r) {
			r = filepath.Join(base, r)
		}
		out = append(out, filepath.Clean(r))
	}
	return out
}

// commentModes are the comment-mode input's values.
var commentModes = []string{"summary", "review", "both", "none"}

// defaultAPIBudget bounds the time the GitHub mode spends on the API in
// one run; MIGRATE_LINT_API_TIMEOUT (a Go duration) changes it.
const defaultAPIBudget = 3 * time.Minute

// runGitHub is the GitHub Actions mode: lint the pull request's change,
// then report on every channel the inputs switch on. A reporting failure
// is a warning; only the findings decide the exit code.
//
// Everything it prints is safe for the runner, which reads workflow
// commands in any line of a step's output: the annotations and warnings
// on stdout are commands with escaped values, and stderr (notices,
// sandbox progress, errors) goes through report.CommandGuard.
func runGitHub(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	guard := report.GuardCommands(stderr)
	defer guard.Flush()
	stderr = guard
	action := githubactions.New(githubactions.WithWriter(stdout))
	out := newRunnerIO(stdout, action.Getenv)
	in := readInputs(action)
	if len(args) > 0 && in.path == "" {
		in.path = args[0]
	}
	if !slices.Contains(commentModes, in.commentMode) {
		return fail(stderr, fmt.Errorf("comment-mode %q: use one of %s", in.commentMode, strings.Join(commentModes, ", ")))
	}
	budget, err := apiBudgetFrom(action.Getenv("MIGRATE_LINT_API_TIMEOUT"))
	if err != nil {
		return fail(stderr, err)
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
	// Every path GitHub reads (annotations, summary, comments, check run)
	// is relative to the repository root, whatever the working directory.
	paths := report.Paths{Cwd: cwd, Repository: repositoryRoot(dir)}
	if paths.Repository == "" && ghctx.Workspace != "" {
		paths.Repository = realPath(ghctx.Workspace)
	}
	pr := pullRequestOf(ghctx.Event)
	o := options{format: "github", failLevel: in.failLevel, sandbox: in.sandbox, databaseURL: in.databaseURL, python: in.python}
	// The checkout is the pull request's, its settings file included:
	// only the workflow and the base branch may widen what is read.
	o.settingsFromChange = true
	o.allowRoots = workspaceRoots(in.allowRoots, ghctx.Workspace, cwd)
	o.base = in.base
	if o.base == "" && pr.baseSHA != "" {
		o.base = pr.baseSHA
	}
	l, err := loadProject(ctx, dir, in.path, &o, false)
	if err != nil && o.base != "" {
		// A shallow checkout has no merge base: take the change set from
		// the pull request's files instead (without the base branch's
		// revisions, so ML111-ML113 cannot run), and say so.
		out.warningf("migrate-lint: no change set from git (%v); using the pull request's file list instead. Check out with fetch-depth: 0 for the stale-base checks (ML111-ML113).", err)
		o.base = ""
		req := requestFor(dir, in.path, &o)
		if pr.number != 0 && in.token != "" {
			files, ferr := pullRequestFiles(ctx, budget, publisherFor(out, ghctx, pr, in.token, paths, ""))
			if ferr == nil {
				req.ChangedFiles = changedFiles(files, paths.Repository)
			} else {
				out.warningf("migrate-lint: cannot list the pull request's files (%v): linting every revision", ferr)
			}
		}
		l, err = load.Load(ctx, req)
	}
	if err != nil {
		return fail(stderr, err)
	}
	printNotices(stderr, l.Notices, paths)
	annotateNotices(out, l.Notices, paths)
	diags, rep, err := lintProject(ctx, l, &o, paths, stderr)
	if err != nil && rep == nil {
		return fail(stderr, err)
	}
	rep.Paths = paths
	code := verdict(diags, l.Config.FailLevel)
	var sandboxFailed string
	if err != nil {
		// The sandbox could not run: the static findings still reach every
		// channel, the run fails as incomplete, and the summary says why.
		sandboxFailed = err.Error()
		out.command("error", "migrate-lint: %s; the findings reported are the static ones only", sandboxFailed)
		code = exitError
	}

	if in.annotations {
		_ = report.WriteGitHub(stdout, rep, report.Options{})
	}
	var md bytes.Buffer
	_ = report.WriteMarkdown(&md, rep, report.Options{})
	if sandboxFailed != "" {
		fmt.Fprintf(&md, "\n#### The sandbox did not run\n\n%s\n\nThe findings above are the static ones only.\n", report.EscapeMarkdown(sandboxFailed))
	}
	out.stepSummary(md.String() + refusedMarkdown(l.Notices, paths))
	s := rep.Summarize()
	out.output("findings", strconv.Itoa(len(diags)))
	out.output("errors", strconv.Itoa(s.Errors))
	out.output("warnings", strconv.Itoa(s.Warnings))
	if path, err := writeReportFile(action, rep, "json", "migrate-lint-report.json"); err == nil {
		out.output("report-json", path)
	} else {
		out.warningf("migrate-lint: cannot write the JSON report: %v", err)
	}
	if in.sarifFile != "" {
		sarif := in.sarifFile
		if !filepath.IsAbs(sarif) {
			sarif = filepath.Join(dir, sarif)
		}
		if err := writeFormat(sarif, "sarif", rep); err != nil {
			out.warningf("migrate-lint: cannot write the SARIF file: %v", err)
		} else {
			out.output("sarif-file", sarif)
		}
	}
	if pr.number != 0 && (in.commentMode != "none" || in.checkRun) {
		p := publisherFor(out, ghctx, pr, in.token, paths, projectName(l, paths, dir, in.path))
		publishToPullRequest(ctx, out, p, budget, in, rep, md.String(), code)
	}
	return code
}

// apiBudget is what is left of the time the run may spend on the API.
type apiBudget struct{ left time.Duration }

func apiBudgetFrom(setting string) (*apiBudget, error) {
	if setting == "" {
		return &apiBudget{defaultAPIBudget}, nil
	}
	d, err := time.ParseDuration(setting)
	if err != nil || d <= 0 {
		return nil, fmt.Errorf("MIGRATE_LINT_API_TIMEOUT %q is not a duration (write e.g. \"2m\")", setting)
	}
	return &apiBudget{d}, nil
}

// spend gives ctx a deadline at the end of the budget; done charges the
// time taken.
func (b *apiBudget) spend(ctx context.Context) (context.Context, func()) {
	start := time.Now()
	c, cancel := context.WithTimeout(ctx, b.left)
	return c, func() {
		cancel()
		b.left = max(0, b.left-time.Since(start))
	}
}

// isTimeout: a request that got no answer in time.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// pullRequestFiles lists the pull request's files within the budget.
func pullRequestFiles(ctx context.Context, budget *apiBudget, p *ghpub.Publisher) ([]*gh.CommitFile, error) {
	if p == nil {
		return nil, fmt.Errorf("no API client")
	}
	c, done := budget.spend(ctx)
	defer done()
	return p.Files(c)
}

// projectName names the project in its marker: the configuration file
// (or script or versions directory) that was linted, relative to the
// repository, so that each project of a repository keeps its own comment.
func projectName(l *load.Result, paths report.Paths, dir, path string) string {
	switch {
	case l.Layout.ConfigFile != "":
		return paths.InRepository(l.Layout.ConfigFile)
	case l.Layout.ScriptDir != "":
		return paths.InRepository(l.Layout.ScriptDir)
	case len(l.Layout.VersionDirs) > 0:
		return paths.InRepository(l.Layout.VersionDirs[0])
	}
	return paths.InRepository(filepath.Join(dir, path))
}

// annotateNotices shows the loader's notices as annotations too, a
// skipped file as a warning on it, a notice about the run (the dialect
// assumed, files outside the repository not read) as a notice: in a pull
// request's checks, a line on stderr goes unseen.
func annotateNotices(out *runnerIO, notices []load.Notice, paths report.Paths) {
	for _, n := range notices {
		if n.File == "" {
			out.noticef("migrate-lint: %s", n.Message)
			continue
		}
		out.command("warning file="+report.EscapeCommandProperty(paths.InRepository(n.File)), "migrate-lint: %s", n.Message)
	}
}

// refusedMarkdown lists, for the job summary, the settings the run did
// not honour, each on its file; "" when there are none.
func refusedMarkdown(notices []load.Notice, paths report.Paths) string {
	var b strings.Builder
	for _, n := range notices {
		if n.Refused {
			fmt.Fprintf(&b, "\n> **Warning:** %s: %s\n", report.MarkdownCode(paths.InRepository(n.File)), report.MarkdownMessage(n.Message))
		}
	}
	return b.String()
}

// requestFor is loadProject's request, for callers that adjust it.
func requestFor(dir, path string, o *options) load.Request {
	return load.Request{
		Dir: dir, Path: path, SettingsFile: o.configPath, Base: o.base, Registry: registry(),
		SettingsFromChange: o.settingsFromChange, AllowRoots: o.allowRoots,
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

// publishToPullRequest runs the API channels within the run's API
// budget. A read-only token (a fork's pull request) stops them with one
// warning: the annotations and the job summary already carry every
// finding. A budget that runs out stops them too, with a warning; nothing
// here changes the verdict, and a failure inside is a warning, never a
// crash.
func publishToPullRequest(ctx context.Context, out *runnerIO, p *ghpub.Publisher, budget *apiBudget, in githubInputs, rep *report.Report, markdown string, code int) {
	if in.token == "" {
		out.warningf("migrate-lint: no github-token: skipping the pull request comment, review comments and check run")
		return
	}
	if p == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			out.warningf("migrate-lint: publishing to the pull request stopped (internal error: %v); the findings are in the annotations and the job summary", r)
		}
	}()
	total := budget.left
	ctx, done := budget.spend(ctx)
	defer done()
	diags := rep.Diagnostics
	// stop reports whether the channels after a failure should be
	// skipped.
	stop := func(channel string, err error) bool {
		switch {
		case ctx.Err() != nil:
			out.warningf("migrate-lint: the GitHub API did not answer within %s (MIGRATE_LINT_API_TIMEOUT); %s and what follows were skipped. The verdict stands; the findings are in the annotations and the job summary.", total, channel)
			return true
		case isTimeout(err):
			out.warningf("migrate-lint: %s skipped: the GitHub API did not answer within %s", channel, ghpub.RequestTimeout)
			return false
		case ghpub.IsAccessDenied(err):
			out.warningf("migrate-lint: the token cannot write to this pull request (%v): a fork's pull request gets a read-only token. The findings are in the annotations and the job summary.", err)
			return true
		}
		out.warningf("migrate-lint: %s failed: %v", channel, err)
		return false
	}
	if in.commentMode == "summary" || in.commentMode == "both" {
		if _, err := p.Summary(ctx, markdown, len(diags) > 0); err != nil && stop("the summary comment", err) {
			return
		}
	}
	if in.commentMode == "review" || in.commentMode == "both" {
		files, err := p.Files(ctx)
		if err == nil {
			_, err = p.Review(ctx, diags, files)
		}
		if err != nil && stop("the review comments", err) {
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
			stop("the check run", err)
		}
	}
}

// publisherFor connects to the API the runner names (GitHub or GHES),
// every request bounded by ghpub.RequestTimeout (and by the run's budget,
// through the context it is given); nil, after a warning, when the API
// URL is unusable.
func publisherFor(out *runnerIO, ghctx *githubactions.GitHubContext, pr pullRequest, token string, paths report.Paths, project string) *ghpub.Publisher {
	owner, repo := ghctx.Repo()
	client, err := ghpub.NewClient(token, ghctx.APIURL, ghpub.RequestTimeout)
	if err != nil {
		out.warningf("migrate-lint: %v: skipping the pull request comment, review comments and check run", err)
		return nil
	}
	return &ghpub.Publisher{Client: client, Owner: owner, Repo: repo, Number: pr.number, HeadSHA: pr.headSHA, Paths: paths, Project: project}
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

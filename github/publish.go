package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	gh "github.com/google/go-github/v66/github"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/report"
)

const (
	// MaxReviewComments caps the comments of one review so that a large
	// change does not bury the conversation (the rest are in the summary).
	MaxReviewComments = 30
	// MaxAnnotationsPerRequest is GitHub's limit for one check-run
	// create or update request (REST API docs, "Update a check run").
	MaxAnnotationsPerRequest = 50
	// MaxCheckSummary is GitHub's limit for output.summary.
	MaxCheckSummary = 65535
)

// maxPages bounds a listing: GitHub serves at most 3,000 files of a pull
// request (30 pages of 100); a listing that goes on much longer is a
// server gone wrong, not a pull request.
const maxPages = 300

// Annotation fields are plain text with limits of their own (REST API
// docs, "Create a check run": title 255 characters, message and
// raw_details 64 KB); a hostile value is cut well before.
const (
	maxAnnotationTitle = 255
	maxAnnotationText  = 4000
)

// Publisher writes to one pull request.
type Publisher struct {
	Client      *gh.Client
	Owner, Repo string
	Number      int
	HeadSHA     string
	// Paths names files relative to the repository, as the pull
	// request's files are.
	Paths report.Paths
	// Project names the linted project in the repository (its working
	// directory and path): each project keeps its own summary comment
	// and its own review comments.
	Project string

	// login is the token's identity, learned once (identity.go).
	login string
}

// IsAccessDenied reports a 403 or 404: a read-only token (pull requests
// from forks get one) or missing permissions.
func IsAccessDenied(err error) bool {
	var e *gh.ErrorResponse
	return errors.As(err, &e) && e.Response != nil &&
		(e.Response.StatusCode == http.StatusForbidden || e.Response.StatusCode == http.StatusNotFound)
}

func isUnprocessable(err error) bool {
	var e *gh.ErrorResponse
	return errors.As(err, &e) && e.Response != nil && e.Response.StatusCode == http.StatusUnprocessableEntity
}

// listAll follows a list call's pages (GitHub's Link header, as go-github
// reads it into NextPage) and returns every item. what names the call for
// errors.
func listAll[T any](what string, list func(gh.ListOptions) ([]T, *gh.Response, error)) ([]T, error) {
	var all []T
	opts := gh.ListOptions{PerPage: 100}
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, fmt.Errorf("list %s: more than %d pages", what, maxPages)
		}
		items, resp, err := list(opts)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", what, err)
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage == 0 {
			return all, nil
		}
		opts.Page = resp.NextPage
	}
}

// Files lists the pull request's files with their patches, every page.
func (p *Publisher) Files(ctx context.Context) ([]*gh.CommitFile, error) {
	return listAll("pull request files", func(o gh.ListOptions) ([]*gh.CommitFile, *gh.Response, error) {
		return p.Client.PullRequests.ListFiles(ctx, p.Owner, p.Repo, p.Number, &o)
	})
}

// Summary keeps one comment per project up to date: its own comment
// (written by the token's identity) that ends with the project's marker,
// edited in place, created only when there is something to say. A
// comment by anyone else is never edited, whatever it contains.
func (p *Publisher) Summary(ctx context.Context, markdown string, hasFindings bool) (string, error) {
	marker := SummaryMarker(p.Project)
	body := markdown + "\n" + marker
	if !hasFindings {
		body = "### migrate-lint: no findings\n\nEverything reported by earlier runs is fixed.\n" + marker
	}
	login, err := p.identity(ctx)
	if err != nil {
		return "", err
	}
	comments, err := listAll("comments", func(o gh.ListOptions) ([]*gh.IssueComment, *gh.Response, error) {
		return p.Client.Issues.ListComments(ctx, p.Owner, p.Repo, p.Number, &gh.IssueListCommentsOptions{ListOptions: o})
	})
	if err != nil {
		return "", err
	}
	var mine, legacy *gh.IssueComment
	for _, c := range comments {
		if !wroteIt(c.GetUser(), login) {
			continue
		}
		if endsWith(c.GetBody(), marker) {
			mine = c
			break
		}
		if legacy == nil && endsWith(c.GetBody(), legacySummaryMarker) {
			legacy = c
		}
	}
	if mine == nil {
		mine = legacy
	}
	if mine != nil {
		if mine.GetBody() == body {
			return "unchanged", nil
		}
		if _, _, err := p.Client.Issues.EditComment(ctx, p.Owner, p.Repo, mine.GetID(), &gh.IssueComment{Body: &body}); err != nil {
			return "", fmt.Errorf("edit the summary comment: %w", err)
		}
		return "edited", nil
	}
	if !hasFindings {
		return "none", nil
	}
	if _, _, err := p.Client.Issues.CreateComment(ctx, p.Owner, p.Repo, p.Number, &gh.IssueComment{Body: &body}); err != nil {
		return "", fmt.Errorf("create the summary comment: %w", err)
	}
	return "created", nil
}

// ReviewResult says what Review did.
type ReviewResult struct {
	Posted, Skipped, Removed, OutsideDiff, Rejected int
}

// Review comments on the exact lines: only findings on lines the diff
// shows, never one whose fingerprint it already posted, at most
// MaxReviewComments; it removes its own comments whose finding is gone,
// unless someone replied to them. Its own comments are those the token's
// identity wrote that end with a fingerprint marker of this project: a
// person's comment is never removed and never stands in for one of the
// tool's, whatever marker it carries.
func (p *Publisher) Review(ctx context.Context, diags []lint.Diagnostic, files []*gh.CommitFile) (ReviewResult, error) {
	var res ReviewResult
	login, err := p.identity(ctx)
	if err != nil {
		return res, err
	}
	inDiff := map[string]map[int]bool{}
	for _, f := range files {
		inDiff[f.GetFilename()] = DiffLines(f.GetPatch())
	}
	existing, err := p.reviewComments(ctx)
	if err != nil {
		return res, err
	}
	current := map[string]bool{}
	for _, d := range diags {
		current[d.Fingerprint] = true
	}
	posted := map[string]bool{}
	replied := map[int64]bool{}
	for _, c := range existing {
		if c.InReplyTo != nil {
			replied[c.GetInReplyTo()] = true
		}
	}
	for _, c := range existing {
		if c.InReplyTo != nil || !wroteIt(c.GetUser(), login) {
			continue
		}
		fp, ok := fingerprintOf(c.GetBody(), p.Project)
		if !ok {
			continue
		}
		posted[fp] = true
		if !current[fp] && !replied[c.GetID()] {
			if _, err := p.Client.PullRequests.DeleteComment(ctx, p.Owner, p.Repo, c.GetID()); err != nil {
				return res, fmt.Errorf("remove an outdated review comment: %w", err)
			}
			res.Removed++
		}
	}
	var todo []lint.Diagnostic
	for _, d := range diags {
		switch {
		case posted[d.Fingerprint]:
			res.Skipped++
		case !inDiff[p.Paths.InRepository(d.File)][d.Span.Line]:
			res.OutsideDiff++
		default:
			todo = append(todo, d)
		}
	}
	// Most severe first, so the cap drops the least important.
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].Severity > todo[j].Severity })
	if len(todo) > MaxReviewComments {
		todo = todo[:MaxReviewComments]
	}
	if len(todo) == 0 {
		return res, nil
	}
	comments := make([]*gh.DraftReviewComment, len(todo))
	for i, d := range todo {
		comments[i] = &gh.DraftReviewComment{Path: gh.String(p.Paths.InRepository(d.File)), Line: gh.Int(d.Span.Line), Side: gh.String("RIGHT"), Body: gh.String(p.commentBody(d))}
	}
	review := &gh.PullRequestReviewRequest{CommitID: gh.String(p.HeadSHA), Event: gh.String("COMMENT"), Comments: comments,
		Body: gh.String(fmt.Sprintf("migrate-lint: %d finding(s) on the changed lines.", len(todo)))}
	_, _, err = p.Client.PullRequests.CreateReview(ctx, p.Owner, p.Repo, p.Number, review)
	if err == nil {
		res.Posted = len(todo)
		return res, nil
	}
	if !isUnprocessable(err) {
		return res, fmt.Errorf("create the review: %w", err)
	}
	// GitHub rejects the whole review when one comment is outside the
	// diff as it sees it; post them one by one and skip the refused.
	for _, d := range todo {
		c := &gh.PullRequestComment{CommitID: gh.String(p.HeadSHA), Path: gh.String(p.Paths.InRepository(d.File)), Line: gh.Int(d.Span.Line), Side: gh.String("RIGHT"), Body: gh.String(p.commentBody(d))}
		if _, _, err := p.Client.PullRequests.CreateComment(ctx, p.Owner, p.Repo, p.Number, c); err != nil {
			if isUnprocessable(err) {
				res.Rejected++
				continue
			}
			return res, fmt.Errorf("create a review comment: %w", err)
		}
		res.Posted++
	}
	return res, nil
}

func (p *Publisher) reviewComments(ctx context.Context) ([]*gh.PullRequestComment, error) {
	return listAll("review comments", func(o gh.ListOptions) ([]*gh.PullRequestComment, *gh.Response, error) {
		return p.Client.PullRequests.ListComments(ctx, p.Owner, p.Repo, p.Number, &gh.PullRequestListCommentsOptions{ListOptions: o})
	})
}

// commentBody is a review comment: the finding, escaped, then the
// fingerprint marker at the end.
func (p *Publisher) commentBody(d lint.Diagnostic) string {
	body := fmt.Sprintf("**%s** %s (%s): %s", report.EscapeMarkdown(d.Rule), report.EscapeMarkdown(d.Name), d.Severity, report.MarkdownMessage(d.Message))
	if d.Help != "" {
		body += "\n\n**Fix:** " + report.MarkdownMessage(d.Help)
	}
	return body + "\n\n" + fingerprintMarker(hexOnly(d.Fingerprint), p.Project)
}

// hexOnly keeps a fingerprint to what its marker can hold.
func hexOnly(fp string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'f' {
			return r
		}
		return -1
	}, fp)
}

// cut shortens plain text to n characters.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// CheckRun creates a completed check run with the findings as
// annotations, sent in batches of MaxAnnotationsPerRequest.
func (p *Publisher) CheckRun(ctx context.Context, name, conclusion, title, summary string, diags []lint.Diagnostic) (int, error) {
	if len(summary) > MaxCheckSummary {
		summary = summary[:MaxCheckSummary-100] + "\n\n_cut to GitHub's size limit_"
	}
	var annotations []*gh.CheckRunAnnotation
	for _, d := range diags {
		line := max(d.Span.Line, 1)
		a := &gh.CheckRunAnnotation{
			Path: gh.String(p.Paths.InRepository(d.File)), StartLine: gh.Int(line), EndLine: gh.Int(max(d.Span.EndLine, line)),
			AnnotationLevel: gh.String(map[lint.Severity]string{lint.SeverityError: "failure", lint.SeverityWarning: "warning"}[d.Severity]),
			Title:           gh.String(cut(d.Rule+" "+d.Name, maxAnnotationTitle)), Message: gh.String(cut(d.Message, maxAnnotationText)),
		}
		if a.GetAnnotationLevel() == "" {
			a.AnnotationLevel = gh.String("notice")
		}
		if d.Help != "" {
			a.RawDetails = gh.String(cut("Fix: "+d.Help, maxAnnotationText))
		}
		annotations = append(annotations, a)
	}
	first := annotations[:min(len(annotations), MaxAnnotationsPerRequest)]
	run, _, err := p.Client.Checks.CreateCheckRun(ctx, p.Owner, p.Repo, gh.CreateCheckRunOptions{
		Name: name, HeadSHA: p.HeadSHA, Status: gh.String("completed"), Conclusion: gh.String(conclusion),
		Output: &gh.CheckRunOutput{Title: gh.String(title), Summary: gh.String(summary), Annotations: first},
	})
	if err != nil {
		return 0, fmt.Errorf("create the check run: %w", err)
	}
	requests := 1
	for rest := annotations[len(first):]; len(rest) > 0; {
		batch := rest[:min(len(rest), MaxAnnotationsPerRequest)]
		rest = rest[len(batch):]
		if _, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, run.GetID(), gh.UpdateCheckRunOptions{
			Name:   name,
			Output: &gh.CheckRunOutput{Title: gh.String(title), Summary: gh.String(summary), Annotations: batch},
		}); err != nil {
			return requests, fmt.Errorf("add annotations to the check run: %w", err)
		}
		requests++
	}
	return requests, nil
}

package github

import (
	"context"
	"strings"
	"testing"

	gh "github.com/google/go-github/v66/github"

	"github.com/migrate-lint/migrate-lint/internal/fakegithub"
	"github.com/migrate-lint/migrate-lint/lint"
)

// A person's comment that quotes the summary marker, even at its very end,
// is never edited: the tool creates its own.
func TestHumanCommentWithMarkerIsNotEdited(t *testing.T) {
	f, p := newFake(t)
	quoted := "Why does the bot write " + SummaryMarker(p.Project) + " in its comments?"
	atEnd := "I copied the bot's comment:\n### migrate-lint: 1 error\n" + SummaryMarker(p.Project)
	f.IssueComments = []*fakegithub.Comment{
		{ID: 1, Body: quoted, User: fakegithub.Human("alice")},
		{ID: 2, Body: atEnd, User: fakegithub.Human("mallory")},
	}
	summary, err := p.Summary(context.Background(), "1 finding", true)
	if err != nil || summary != "created" {
		t.Fatalf("summary %s: %v", summary, err)
	}
	if f.IssueComments[0].Body != quoted || f.IssueComments[1].Body != atEnd {
		t.Errorf("a person's comment was edited: %q / %q", f.IssueComments[0].Body, f.IssueComments[1].Body)
	}
	if len(f.IssueComments) != 3 || f.IssueComments[2].User != fakegithub.WorkflowBot {
		t.Errorf("comments %+v", f.IssueComments)
	}
	if log := f.Log(); strings.Contains(log, "PATCH") {
		t.Errorf("edited a comment:\n%s", log)
	}
	// The next run edits the tool's comment, still not theirs.
	f.ResetLog()
	if summary, _ := p.Summary(context.Background(), "2 findings", true); summary != "edited" || !strings.Contains(f.Log(), "PATCH /repos/acme/shop/issues/comments/1001 ") {
		t.Errorf("re-run: %s\n%s", summary, f.Log())
	}
}

// A comment of the tool's identity that carries the marker anywhere but
// at its end is not the summary (a marker inside a finding's text is
// escaped anyway, so it cannot be there).
func TestMarkerOnlyAtTheEnd(t *testing.T) {
	f, p := newFake(t)
	f.IssueComments = []*fakegithub.Comment{{ID: 1, Body: SummaryMarker(p.Project) + "\nsomething else", User: fakegithub.WorkflowBot}}
	if summary, _ := p.Summary(context.Background(), "x", true); summary != "created" {
		t.Errorf("summary %s", summary)
	}
	d := finding(4, "aaaa", lint.SeverityError)
	d.Message = "table " + SummaryMarker(p.Project) + " " + fingerprintMarker("bbbb", p.Project)
	body := p.commentBody(d)
	if strings.Count(body, "<!--") != 1 || !endsWith(body, fingerprintMarker("aaaa", p.Project)) {
		t.Errorf("markers in the body: %s", body)
	}
	if fp, ok := fingerprintOf(body, p.Project); !ok || fp != "aaaa" {
		t.Errorf("fingerprint %q %v", fp, ok)
	}
}

// A person's review comment with a stale fingerprint marker is not
// removed; one with the current fingerprint does not stand in for the
// tool's comment.
func TestHumanReviewCommentsWithFingerprints(t *testing.T) {
	f, p := newFake(t)
	f.ReviewComments = []*fakegithub.Comment{
		{ID: 1, Body: "old finding\n\n" + fingerprintMarker("dead", p.Project), Path: path, Line: 4, User: fakegithub.Human("mallory")},
		{ID: 2, Body: "first!\n\n" + fingerprintMarker("aaaa", p.Project), Path: path, Line: 4, User: fakegithub.Human("mallory")},
	}
	files, err := p.Files(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Review(context.Background(), []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError)}, files)
	if err != nil || res.Posted != 1 || res.Removed != 0 || res.Skipped != 0 {
		t.Errorf("%+v %v", res, err)
	}
	if len(f.ReviewComments) != 3 || f.ReviewComments[2].User != fakegithub.WorkflowBot {
		t.Errorf("review comments: %+v", f.ReviewComments)
	}
	if log := f.Log(); strings.Contains(log, "DELETE") {
		t.Errorf("removed a comment:\n%s", log)
	}
}

// Two projects in one pull request keep a summary comment and review
// comments each; a clean run of one leaves the other's alone.
func TestTwoProjectsInOnePullRequest(t *testing.T) {
	f, app := newFake(t)
	billing := &Publisher{Client: app.Client, Owner: "acme", Repo: "shop", Number: 7, HeadSHA: "abc123", Paths: app.Paths, Project: "billing/alembic.ini"}
	f.Files = append(f.Files, fakegithub.File{Filename: "billing/v/1_x.py", Status: "added", Patch: patch})
	billingFinding := finding(5, "bbbb", lint.SeverityError)
	billingFinding.File = repo + "/billing/v/1_x.py"

	publish(t, app, []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError)})
	publish(t, billing, []lint.Diagnostic{billingFinding})
	if len(f.IssueComments) != 2 || len(f.ReviewComments) != 2 {
		t.Fatalf("%d summary comments, %d review comments", len(f.IssueComments), len(f.ReviewComments))
	}
	appSummary := f.IssueComments[0].Body
	if !endsWith(appSummary, SummaryMarker("app/alembic.ini")) || !endsWith(f.IssueComments[1].Body, SummaryMarker("billing/alembic.ini")) {
		t.Errorf("markers: %q / %q", appSummary, f.IssueComments[1].Body)
	}

	// billing is fixed: its comment says so, app's keeps its findings.
	f.ResetLog()
	summary, res := publish(t, billing, nil)
	if summary != "edited" || res.Removed != 1 {
		t.Errorf("clean billing run: %s %+v", summary, res)
	}
	if f.IssueComments[0].Body != appSummary || !strings.Contains(f.IssueComments[1].Body, "no findings") {
		t.Errorf("summaries after billing's clean run:\n%s\n---\n%s", f.IssueComments[0].Body, f.IssueComments[1].Body)
	}
	if got := f.OurReviewComments(); len(got) != 1 || got[0] != path+":4" {
		t.Errorf("review comments left: %v", got)
	}
	golden(t, "two_projects_clean_run", f.Log())
}

// A summary comment written before projects were named is adopted by the
// first project, and its review comments still count as posted.
func TestLegacyMarkersAdopted(t *testing.T) {
	f, p := newFake(t)
	f.IssueComments = []*fakegithub.Comment{{ID: 1, Body: "old\n" + legacySummaryMarker, User: fakegithub.WorkflowBot}}
	f.ReviewComments = []*fakegithub.Comment{{ID: 2, Body: "x\n\n<!-- migrate-lint:fp=aaaa -->", Path: path, Line: 4, User: fakegithub.WorkflowBot}}
	summary, res := publish(t, p, []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError)})
	if summary != "edited" || !endsWith(f.IssueComments[0].Body, SummaryMarker(p.Project)) || res.Skipped != 1 || res.Posted != 0 {
		t.Errorf("%s %+v %q", summary, res, f.IssueComments[0].Body)
	}
}

// With a person's token the tool is that person: it keeps up its own
// comments and leaves the bot's and others' alone.
func TestPersonalToken(t *testing.T) {
	f, p := newFake(t)
	f.Tokens["ghp_alice"] = fakegithub.Identity{User: fakegithub.Human("alice")}
	client, err := NewClient("ghp_alice", f.URL+"/api/v3", 0)
	if err != nil {
		t.Fatal(err)
	}
	p.Client = client
	f.IssueComments = []*fakegithub.Comment{
		{ID: 1, Body: "x\n" + SummaryMarker(p.Project), User: fakegithub.WorkflowBot},
		{ID: 2, Body: "y\n" + SummaryMarker(p.Project), User: fakegithub.Human("alice")},
	}
	if summary, err := p.Summary(context.Background(), "z", true); summary != "edited" || err != nil {
		t.Fatalf("%s %v", summary, err)
	}
	if f.IssueComments[0].Body != "x\n"+SummaryMarker(p.Project) || !strings.HasPrefix(f.IssueComments[1].Body, "z\n") {
		t.Errorf("comments %q %q", f.IssueComments[0].Body, f.IssueComments[1].Body)
	}
}

func TestWroteIt(t *testing.T) {
	bot := &gh.User{Login: gh.String("github-actions[bot]"), Type: gh.String("Bot")}
	alice := &gh.User{Login: gh.String("alice"), Type: gh.String("User")}
	fakeBot := &gh.User{Login: gh.String("github-actions"), Type: gh.String("User")}
	for _, c := range []struct {
		user  *gh.User
		login string
		want  bool
	}{
		{bot, "github-actions[bot]", true},
		{bot, "github-actions", true}, // GraphQL may name a bot without [bot]
		{bot, "GitHub-Actions[bot]", true},
		{alice, "alice", true},
		{alice, "github-actions[bot]", false},
		{fakeBot, "github-actions[bot]", false}, // a person cannot pass for a bot
		{nil, "github-actions[bot]", false},
		{bot, "", false},
	} {
		if got := wroteIt(c.user, c.login); got != c.want {
			t.Errorf("wroteIt(%s/%s, %q) = %v", c.user.GetLogin(), c.user.GetType(), c.login, got)
		}
	}
}

// Review comments show a hostile finding inert.
func TestReviewCommentBodyEscaped(t *testing.T) {
	_, p := newFake(t)
	d := finding(4, "aaaa", lint.SeverityError)
	d.Message = "dropping table \"</details><img src=x>\" for @acme/admins\n| x |"
	d.Help = "run `alembic merge @team`"
	want := "**ML401** not-null-without-default (error): dropping table \"&lt;/details&gt;&lt;img src=x&gt;\" for @&#8203;acme/admins &#124; x &#124;" +
		"\n\n**Fix:** run <code>alembic merge @&#8203;team</code>\n\n<!-- migrate-lint:fp=aaaa project=app/alembic.ini -->"
	if got := p.commentBody(d); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMarkerValue(t *testing.T) {
	for in, want := range map[string]string{
		"":                       ".",
		"app/alembic.ini":        "app/alembic.ini",
		"a b/--><script>":        "a%20b/--%3E%3Cscript%3E",
		"x\n<!-- migrate-lint:y": "x%0A%3C%21--%20migrate-lint:y",
	} {
		if got := markerValue(in); got != want {
			t.Errorf("markerValue(%q) = %q, want %q", in, got, want)
		}
	}
}

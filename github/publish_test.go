package github

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gh "github.com/google/go-github/v66/github"

	"github.com/migrate-lint/migrate-lint/internal/fakegithub"
	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/report"
)

var update = flag.Bool("update", false, "rewrite the golden request logs")

const path = "migrations/versions/3c4d_add_sentiment.py"

// repo is where the checkout is; findings carry absolute files and the
// publisher names them relative to it, as the pull request's files are.
const repo = "/home/runner/work/shop"

// patch: lines 1-3 context, 4-6 added, in a hunk of the new file.
const patch = "@@ -1,3 +1,6 @@\n line1\n line2\n line3\n+line4\n+line5\n+line6"

func newFake(t *testing.T) (*fakegithub.Server, *Publisher) {
	t.Helper()
	f := fakegithub.New("acme", "shop", 7, "s3cret")
	t.Cleanup(f.Close)
	f.Files = []fakegithub.File{{Filename: path, Status: "added", Patch: patch}, {Filename: "README.md", Status: "modified", Patch: "@@ -1 +1 @@\n-a\n+b"}}
	client, err := gh.NewClient(nil).WithAuthToken("s3cret").WithEnterpriseURLs(f.URL+"/api/v3/", f.URL+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	return f, &Publisher{Client: client, Owner: "acme", Repo: "shop", Number: 7, HeadSHA: "abc123",
		Paths: report.Paths{Cwd: repo + "/app", Repository: repo}, Project: "app/alembic.ini"}
}

func finding(line int, fp string, sev lint.Severity) lint.Diagnostic {
	return lint.Diagnostic{Rule: "ML401", Name: "not-null-without-default", Severity: sev, File: repo + "/" + path,
		Span: lint.LineSpan(line), Message: fmt.Sprintf("finding on line %d", line), Help: "fix it", Fingerprint: fp}
}

// publish runs the summary and review channels, as the github command does.
func publish(t *testing.T, p *Publisher, diags []lint.Diagnostic) (string, ReviewResult) {
	t.Helper()
	ctx := context.Background()
	files, err := p.Files(ctx)
	if err != nil {
		t.Fatal(err)
	}
	summary, err := p.Summary(ctx, fmt.Sprintf("%d findings", len(diags)), len(diags) > 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Review(ctx, diags, files)
	if err != nil {
		t.Fatal(err)
	}
	return summary, res
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(file, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./lint/github -update)", err)
	}
	if got != string(want) {
		t.Errorf("requests differ from %s:\n%s", file, got)
	}
}

func TestFirstRunRerunAndFix(t *testing.T) {
	f, p := newFake(t)
	// 120 unrelated comments: the summary must be found past page 1.
	for i := 0; i < 120; i++ {
		f.IssueComments = append(f.IssueComments, &fakegithub.Comment{ID: int64(i + 1), Body: "looks good"})
	}
	diags := []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError), finding(5, "bbbb", lint.SeverityWarning), finding(20, "cccc", lint.SeverityError)}

	summary, res := publish(t, p, diags)
	if summary != "created" || res.Posted != 2 || res.OutsideDiff != 1 {
		t.Errorf("first run: %s %+v", summary, res)
	}
	golden(t, "first_run", f.Log())

	f.ResetLog()
	summary, res = publish(t, p, diags)
	if summary != "unchanged" || res.Posted != 0 || res.Skipped != 2 || res.Removed != 0 {
		t.Errorf("re-run: %s %+v", summary, res)
	}
	golden(t, "rerun_no_change", f.Log())

	// Someone answers the comment on line 5; then both line-4 and line-5
	// findings are fixed: line 4's comment goes, line 5's stays.
	for _, c := range f.ReviewComments {
		if c.Line == 5 {
			f.ReviewComments = append(f.ReviewComments, &fakegithub.Comment{ID: 9999, Body: "on purpose", InReplyTo: c.ID, Path: path, Line: 5})
		}
	}
	f.ResetLog()
	summary, res = publish(t, p, diags[2:])
	if summary != "edited" || res.Removed != 1 || res.Posted != 0 {
		t.Errorf("fixed: %s %+v", summary, res)
	}
	if got := strings.Join(f.OurReviewComments(), " "); got != path+":5 "+path+":5" {
		t.Errorf("comments left: %s", got)
	}
	golden(t, "finding_fixed", f.Log())

	f.ResetLog()
	if summary, _ = publish(t, p, nil); summary != "edited" || !strings.Contains(f.IssueComments[120].Body, "no findings") {
		t.Errorf("all clear: %s %q", summary, f.IssueComments[120].Body)
	}
}

func TestForkReadOnlyToken(t *testing.T) {
	f, p := newFake(t)
	f.ReadOnly = true
	ctx := context.Background()
	_, err := p.Summary(ctx, "x", true)
	if !IsAccessDenied(err) {
		t.Errorf("summary: %v", err)
	}
	files, _ := p.Files(ctx)
	if _, err := p.Review(ctx, []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError)}, files); !IsAccessDenied(err) {
		t.Errorf("review: %v", err)
	}
	golden(t, "fork_403", f.Log())
}

func TestMoreThan30Findings(t *testing.T) {
	f, p := newFake(t)
	f.Files[0].Patch = "@@ -0,0 +1,60 @@\n" + strings.Repeat("+x\n", 60)
	var diags []lint.Diagnostic
	for i := 1; i <= 45; i++ {
		sev := lint.SeverityWarning
		if i > 40 {
			sev = lint.SeverityError // errors are posted first
		}
		diags = append(diags, finding(i, fmt.Sprintf("%04x", i), sev))
	}
	_, res := publish(t, p, diags)
	if res.Posted != MaxReviewComments || len(f.ReviewComments) != MaxReviewComments {
		t.Errorf("posted %+v, %d comments", res, len(f.ReviewComments))
	}
	for _, c := range f.ReviewComments[:5] {
		if !strings.Contains(c.Body, "(error)") {
			t.Errorf("errors not first: %s", c.Body)
		}
	}
	golden(t, "more_than_30", f.Log())
}

func TestMoreThan50Annotations(t *testing.T) {
	f, p := newFake(t)
	var diags []lint.Diagnostic
	for i := 1; i <= 120; i++ {
		diags = append(diags, finding(i, fmt.Sprintf("%04x", i), lint.SeverityWarning))
	}
	requests, err := p.CheckRun(context.Background(), "migrate-lint", "failure", "120 findings", strings.Repeat("s", 70000), diags)
	if err != nil || requests != 3 {
		t.Fatalf("%d requests: %v", requests, err)
	}
	if run := f.CheckRuns[0]; run.Annotations != 120 || run.Conclusion != "failure" || len(run.Summary) > MaxCheckSummary {
		t.Errorf("check run %+v", run)
	}
	golden(t, "more_than_50_annotations", f.Log())
}

func TestReviewRejectedFallsBackToSingleComments(t *testing.T) {
	f, p := newFake(t)
	// The files were listed before a push that shortened the diff: the
	// review's line 40 is no longer in it and GitHub answers 422.
	stale := []*gh.CommitFile{{Filename: gh.String(path), Patch: gh.String("@@ -0,0 +1,50 @@\n" + strings.Repeat("+x\n", 50))}}
	res, err := p.Review(context.Background(), []lint.Diagnostic{finding(4, "aaaa", lint.SeverityError), finding(40, "bbbb", lint.SeverityError)}, stale)
	if err != nil || res.Posted != 1 || res.Rejected != 1 {
		t.Errorf("%+v %v", res, err)
	}
	golden(t, "review_422", f.Log())
}

func TestDiffLines(t *testing.T) {
	got := DiffLines("@@ -10,4 +10,5 @@ func x\n ctx\n-old\n+new1\n+new2\n ctx2\n\\ No newline at end of file\n@@ -40 +41,2 @@\n+a\n b")
	want := []int{10, 11, 12, 13, 41, 42}
	for _, l := range want {
		if !got[l] {
			t.Errorf("line %d not commentable: %v", l, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	// The fake parses patches on its own; both must agree.
	if fake := fakegithub.CommentableLines(patch); len(fake) != len(DiffLines(patch)) {
		t.Errorf("fake %v ours %v", fake, DiffLines(patch))
	}
}

// TestDiffLinesHostilePatches: a patch is read hunk by hunk for as many
// lines as each header counts; nothing outside a well-formed hunk is
// commentable.
func TestDiffLinesHostilePatches(t *testing.T) {
	for _, tt := range []struct {
		name, patch string
		want        []int
	}{
		{"negative start", "@@ -1,2 +-5,2 @@\n+a\n+b", nil},
		{"start 0 with lines", "@@ -1,2 +0,2 @@\n+a\n+b", nil},
		{"new file", "@@ -0,0 +1,2 @@\n+a\n+b", []int{1, 2}},
		{"deleted file", "@@ -1,2 +0,0 @@\n-a\n-b", nil},
		{"lines beyond the count", "@@ -1,1 +1,1 @@\n-a\n+b\n+c\n+d\n ctx", []int{1}},
		{"context beyond the count", "@@ -5,1 +5,1 @@\n ctx\n more\n more", []int{5}},
		{"removed lines beyond the count", "@@ -1,1 +1,2 @@\n-a\n-b\n+c\n+d", nil},
		{"huge start", "@@ -1 +99999999999999999999,2 @@\n+a\n+b", nil},
		{"garbage header", "@@ nonsense @@\n+a\n+b\n@@ -3 +3 @@\n+c", []int{3}},
		{"no header", "+a\n+b\n c", nil},
		{"count default 1", "@@ -7 +7 @@\n-x\n+y\n+z", []int{7}},
	} {
		got := DiffLines(tt.patch)
		if len(got) != len(tt.want) {
			t.Errorf("%s: lines %v, want %v", tt.name, got, tt.want)
			continue
		}
		for _, l := range tt.want {
			if !got[l] {
				t.Errorf("%s: lines %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

func FuzzDiffLines(f *testing.F) {
	f.Add("@@ -10,4 +10,5 @@ func x\n ctx\n-old\n+new1\n+new2\n ctx2\n\\ No newline at end of file\n@@ -40 +41,2 @@\n+a\n b")
	f.Add("@@ -0,0 +1,3 @@\n+a\n+b\n+c")
	f.Add("@@ -1,2 +-5,2 @@\n+a")
	f.Fuzz(func(t *testing.T, patch string) {
		lines := DiffLines(patch)
		// Every commentable line lies inside a hunk header's new range.
		for l := range lines {
			inside := false
			for _, header := range strings.Split(patch, "\n") {
				if h, ok := parseHunk(header); ok && l >= h.newStart && l < h.newStart+h.newCount {
					inside = true
					break
				}
			}
			if !inside || l < 1 {
				t.Fatalf("line %d is outside every hunk of %q", l, patch)
			}
		}
		if len(lines) > strings.Count(patch, "\n")+1 {
			t.Fatalf("%d lines from a patch of %d lines", len(lines), strings.Count(patch, "\n")+1)
		}
	})
}

package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

func sample() *Report {
	rule := &lint.Rule{ID: "ML401", Name: "not-null-without-default", Title: "NOT NULL column", Severity: lint.SeverityError,
		Doc: lint.Doc{Problem: "p", Solution: "s", Example: "op.add_column()\n"}}
	return &Report{
		ToolName: "migrate-lint", ToolVersion: "0.1.0", Rules: []*lint.Rule{rule}, Files: 1, Revisions: 1,
		Paths: Paths{Cwd: "/work/project", Repository: "/work"},
		Diagnostics: []lint.Diagnostic{{
			Rule: "ML401", Name: "not-null-without-default", Severity: lint.SeverityError, File: "/work/project/v/a,b:c.py",
			Span: lint.Span{Line: 3, Column: 5, EndLine: 3, EndColumn: 20}, Revision: "a1",
			Message: "100% of rows\r\nfail: badly", Help: "add server_default", Fingerprint: "abc",
		}},
	}
}

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteGitHub(&b, sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=project/v/a%2Cb%3Ac.py,line=3,endLine=3,col=5,endColumn=20,title=ML401 not-null-without-default::100%25 of rows%0D%0Afail: badly%0Aadd server_default\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// TestSARIFStructure checks the log against the parts of the SARIF 2.1.0
// schema that code scanning relies on: the required properties and their
// types, the enumerations, and that every result points at a rule.
func TestSARIFStructure(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteSARIF(&b, sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log["version"] != "2.1.0" || !strings.Contains(log["$schema"].(string), "sarif-2.1.0") {
		t.Fatalf("version/schema: %v %v", log["version"], log["$schema"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("runs: %d", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["name"] != "migrate-lint" {
		t.Errorf("driver name %v", driver["name"])
	}
	rules := driver["rules"].([]any)
	ids := map[string]int{}
	for i, r := range rules {
		rule := r.(map[string]any)
		id, _ := rule["id"].(string)
		if id == "" || rule["shortDescription"].(map[string]any)["text"] == "" || !strings.HasPrefix(rule["helpUri"].(string), "https://") {
			t.Errorf("rule %d: %v", i, rule)
		}
		if lvl := rule["defaultConfiguration"].(map[string]any)["level"]; lvl != "error" && lvl != "warning" && lvl != "note" && lvl != "none" {
			t.Errorf("rule level %v", lvl)
		}
		ids[id] = i
	}
	for _, r := range run["results"].([]any) {
		res := r.(map[string]any)
		idx, ok := ids[res["ruleId"].(string)]
		if !ok || int(res["ruleIndex"].(float64)) != idx {
			t.Errorf("result points at no rule: %v", res)
		}
		if res["message"].(map[string]any)["text"] == "" {
			t.Error("result without message text")
		}
		loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		region := loc["region"].(map[string]any)
		if loc["artifactLocation"].(map[string]any)["uri"] == "" || region["startLine"].(float64) < 1 || region["startColumn"].(float64) < 1 {
			t.Errorf("location %v", loc)
		}
		if res["partialFingerprints"].(map[string]any)["migrateLint/v1"] != "abc" {
			t.Errorf("fingerprint %v", res["partialFingerprints"])
		}
	}
}

func TestMarkdownFitsGitHub(t *testing.T) {
	t.Parallel()
	r := sample()
	d := r.Diagnostics[0]
	for i := 0; i < 2000; i++ {
		d.Span.Line = i + 1
		r.Diagnostics = append(r.Diagnostics, d)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MaxMarkdown+200 || !strings.Contains(b.String(), "cut to fit") {
		t.Errorf("markdown of %d bytes, cut notice %v", b.Len(), strings.Contains(b.String(), "cut to fit"))
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	p := Paths{Cwd: "/repo/app", Repository: "/repo"}
	for _, c := range []struct{ file, display, inRepo string }{
		{"/repo/app/migrations/versions/a.py", "migrations/versions/a.py", "app/migrations/versions/a.py"},
		{"/repo/lib/env.py", "../lib/env.py", "lib/env.py"},
		{"/elsewhere/x.py", "../../elsewhere/x.py", "../../elsewhere/x.py"},
	} {
		if got := p.Display(c.file); got != c.display {
			t.Errorf("Display(%s) = %s, want %s", c.file, got, c.display)
		}
		if got := p.InRepository(c.file); got != c.inRepo {
			t.Errorf("InRepository(%s) = %s, want %s", c.file, got, c.inRepo)
		}
	}
	if got := (Paths{Cwd: "/repo"}).InRepository("/repo/a b.py"); got != "a b.py" {
		t.Errorf("without a repository: %s", got)
	}
	if got := sarifURI("dir/a b#1?.py"); got != "dir/a%20b%231%3F.py" {
		t.Errorf("sarif uri %s", got)
	}
}

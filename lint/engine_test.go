package lint

import (
	"fmt"
	"strings"
	"testing"
)

func testRules() *Registry {
	boom := &Rule{ID: "ML998", Name: "boom", Title: "panics", Severity: SeverityError, Run: func(p *Pass) {
		panic("index out of range")
	}}
	each := &Rule{ID: "ML401", Name: "each-line", Title: "one finding", Severity: SeverityError, Run: func(p *Pass) {
		p.Report(p.Revision, Span{Line: 5, Column: 5, EndLine: 5, EndColumn: 20}, "finding", "fix it")
	}}
	warn := &Rule{ID: "ML402", Name: "warn", Title: "warning", Severity: SeverityWarning, Run: func(p *Pass) {
		p.Report(p.Revision, LineSpan(9), "warned", "")
	}}
	unused := &Rule{ID: UnusedSuppressionID, Name: "unused-suppression", Severity: SeverityWarning}
	malformed := &Rule{ID: MalformedSuppressionID, Name: "malformed-suppression", Severity: SeverityWarning}
	reg, err := NewRegistry(boom, each, warn, unused, malformed)
	if err != nil {
		panic(err)
	}
	return reg
}

func rules(ds []Diagnostic) string {
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.Rule+"@"+strings.TrimPrefix(d.File, "/p/"))
	}
	return strings.Join(ids, " ")
}

func TestPanicBecomesOneFinding(t *testing.T) {
	t.Parallel()
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}, {File: "/p/b.py", ID: "b", HasID: true}})
	got := Run(p, testRules(), &Config{})
	if rules(got) != "ML998@a.py ML401@a.py ML402@a.py ML998@b.py ML401@b.py ML402@b.py" {
		t.Fatalf("got %s", rules(got))
	}
	for _, d := range got {
		if d.Rule == "ML998" && !strings.Contains(d.Message, "index out of range") {
			t.Errorf("panic message: %q", d.Message)
		}
	}
}

func TestSelectIgnoreSpecificity(t *testing.T) {
	t.Parallel()
	reg := testRules()
	for _, tt := range []struct {
		select_, ignore []string
		want            string
	}{
		{nil, nil, "ML401 ML402 ML998"},
		{[]string{"ML4"}, nil, "ML401 ML402"},
		{[]string{"ML4"}, []string{"ML401"}, "ML402"},
		{[]string{"ML401"}, []string{"ML4"}, "ML401"},
		{nil, []string{"boom", "ml40"}, ""},
		{[]string{"ALL"}, []string{"ML998"}, "ML401 ML402"},
	} {
		cfg := &Config{Select: tt.select_, Ignore: tt.ignore}
		var got []string
		for _, r := range reg.All() {
			if r.Run != nil && cfg.Enabled(r) {
				got = append(got, r.ID)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("select %v ignore %v: got %v want %q", tt.select_, tt.ignore, got, tt.want)
		}
	}
	if err := reg.ValidateSelectors([]string{"ML7"}); err == nil || !strings.Contains(err.Error(), "names no rule") {
		t.Errorf("unknown selector: %v", err)
	}
}

func TestSeverityOverride(t *testing.T) {
	t.Parallel()
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}})
	cfg := &Config{Select: []string{"ML4"}, Severity: map[string]Severity{"ML4": SeverityInfo, "ML402": SeverityError}}
	got := Run(p, testRules(), cfg)
	if len(got) != 2 || got[0].Severity != SeverityInfo || got[1].Severity != SeverityError {
		t.Fatalf("got %+v", got)
	}
}

func TestSuppressions(t *testing.T) {
	t.Parallel()
	rev := &Revision{File: "/p/a.py", ID: "a", HasID: true, Suppressions: []Suppression{
		{Span: LineSpan(4), Codes: []string{"ML401"}, Reason: "table is empty"},      // line above: used
		{Span: LineSpan(9), Codes: []string{"warn"}, Reason: "by name"},              // same line, by name: used
		{Span: LineSpan(20), Codes: []string{"ML401"}, Reason: "nothing here"},       // unused: ML002
		{Span: LineSpan(21), Codes: []string{"ML998"}, Malformed: "gives no reason"}, // ML003
	}}
	got := Run(NewProject("/p", []*Revision{rev}), testRules(), &Config{Ignore: []string{"ML998"}})
	if rules(got) != "ML002@a.py ML003@a.py" {
		t.Fatalf("got %s", rules(got))
	}
	if got[0].Span.Line != 20 || got[1].Span.Line != 21 {
		t.Errorf("positions: %+v", got)
	}
	// A suppression for a rule that did not run is not "unused".
	rev.Suppressions = []Suppression{{Span: LineSpan(30), Codes: []string{"ML998"}, Reason: "r"}}
	if got := Run(NewProject("/p", []*Revision{rev}), testRules(), &Config{Ignore: []string{"ML998"}}); strings.Contains(rules(got), "ML002") {
		t.Errorf("suppression of a disabled rule reported unused: %s", rules(got))
	}
	// File-wide.
	rev.Suppressions = []Suppression{{Span: LineSpan(1), FileWide: true, Codes: []string{"ML4"}, Reason: "legacy"}}
	if got := Run(NewProject("/p", []*Revision{rev}), testRules(), &Config{Ignore: []string{"ML998"}}); len(got) != 0 {
		t.Errorf("file-wide suppression left %s", rules(got))
	}
}

func TestFingerprintIgnoresLine(t *testing.T) {
	t.Parallel()
	a := []Diagnostic{{Rule: "ML401", File: "/p/a.py", Revision: "a", Message: "m", Span: LineSpan(3)}}
	b := []Diagnostic{{Rule: "ML401", File: "/p/a.py", Revision: "a", Message: "m", Span: LineSpan(30)}}
	c := []Diagnostic{{Rule: "ML401", File: "/p/a.py", Revision: "a", Message: "other", Span: LineSpan(3)}}
	// The same project checked out elsewhere keeps its fingerprints.
	d := []Diagnostic{{Rule: "ML401", File: "/elsewhere/a.py", Revision: "a", Message: "m", Span: LineSpan(3)}}
	assignFingerprints("/p", a)
	assignFingerprints("/p", b)
	assignFingerprints("/p", c)
	assignFingerprints("/elsewhere", d)
	if a[0].Fingerprint != b[0].Fingerprint || a[0].Fingerprint == c[0].Fingerprint || len(a[0].Fingerprint) != 16 || a[0].Fingerprint != d[0].Fingerprint {
		t.Errorf("fingerprints %s %s %s %s", a[0].Fingerprint, b[0].Fingerprint, c[0].Fingerprint, d[0].Fingerprint)
	}
}

// A project rule that panics is reported on a file of the change, so that
// change-set filtering (the Action's normal mode) cannot hide it.
func TestProjectRulePanicSurvivesChangeSet(t *testing.T) {
	t.Parallel()
	a := &Revision{File: "/p/a.py", ID: "a", HasID: true}
	b := &Revision{File: "/p/b.py", ID: "b", HasID: true}
	boom := &Rule{ID: "ML998", Name: "boom", Title: "panics", Severity: SeverityError, Project: true, Run: func(p *Pass) {
		panic("nil map")
	}}
	reg, err := NewRegistry(boom)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("/p", []*Revision{a, b})
	p.Base = &BaseBranch{IDs: map[string]bool{"a": true}}
	p.SetTargets([]*Revision{b})
	got := Run(p, reg, &Config{})
	if rules(got) != "ML998@b.py" || !strings.Contains(got[0].Message, "nil map") {
		t.Errorf("got %v", got)
	}
}

// Measured findings survive change-set filtering even on a file the change
// did not touch (env.py, a model module): the sandbox ran only the change.
func TestMeasuredFindingsSurviveChangeSet(t *testing.T) {
	a := &Revision{File: "/p/a.py", ID: "a", HasID: true}
	b := &Revision{File: "/p/b.py", ID: "b", HasID: true}
	drift := &Rule{ID: ModelDriftID, Name: "model-drift", Title: "drift", Severity: SeverityError, OptIn: true}
	each := &Rule{ID: "ML401", Name: "each", Title: "one", Severity: SeverityError, Project: true, Run: func(p *Pass) {
		p.ReportFile("/p/app/models.py", "", LineSpan(3), "static", "")
	}}
	reg, err := NewRegistry(drift, each)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("/p", []*Revision{a, b})
	p.Base = &BaseBranch{IDs: map[string]bool{"a": true}}
	p.SetTargets([]*Revision{b})
	measured := []Diagnostic{{Rule: ModelDriftID, File: "/p/app/models.py", Span: LineSpan(7), Message: "models define column"}}
	got := RunWith(p, reg, &Config{Select: []string{"ALL", ModelDriftID}}, measured)
	// The static finding on the untouched file goes, the measured one stays.
	if rules(got) != "ML608@app/models.py" || got[0].Message != "models define column" {
		t.Errorf("got %v", got)
	}
}

// The engine skips a rule meant for another dialect, and an opt-in rule
// runs only when named.
func TestDialectsAndOptIn(t *testing.T) {
	t.Parallel()
	ran := map[string]int{}
	count := func(p *Pass) { ran[p.Rule.ID]++ }
	pg := &Rule{ID: "ML201", Name: "pg-only", Title: "t", Severity: SeverityWarning, Dialects: []Dialect{PostgreSQL}, Run: count}
	opt := &Rule{ID: "ML608", Name: "opt", Title: "t", Severity: SeverityError, OptIn: true, Run: count}
	reg, err := NewRegistry(pg, opt)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}})
	Run(p, reg, &Config{Dialect: MySQL})
	Run(p, reg, &Config{Dialect: PostgreSQL, Select: []string{"ML6"}})
	if ran["ML201"] != 0 || ran["ML608"] != 0 {
		t.Fatalf("ran %v", ran)
	}
	Run(p, reg, &Config{Dialect: PostgreSQL, Select: []string{"ALL", "ML608"}})
	if ran["ML201"] != 1 || ran["ML608"] != 1 {
		t.Fatalf("ran %v", ran)
	}
}

func TestTargetsLimitProjectFindings(t *testing.T) {
	t.Parallel()
	a := &Revision{File: "/p/a.py", ID: "a", HasID: true}
	b := &Revision{File: "/p/b.py", ID: "b", HasID: true}
	p := NewProject("/p", []*Revision{a, b})
	p.SetTargets([]*Revision{b})
	got := Run(p, testRules(), &Config{Select: []string{"ML401"}})
	if rules(got) != "ML401@b.py" {
		t.Errorf("got %s", rules(got))
	}
}

// Many findings of one rule in one file are shown three at a time, and
// the rest summed up in one; an identical finding twice at one place is
// one.
func TestRepeatsAreCapped(t *testing.T) {
	t.Parallel()
	many := &Rule{ID: "ML204", Name: "many", Title: "t", Severity: SeverityWarning, Run: func(p *Pass) {
		for line := 10; line < 20; line++ {
			p.Report(p.Revision, LineSpan(line), fmt.Sprintf("foreign key %d", line), "add NOT VALID")
		}
		p.Report(p.Revision, LineSpan(10), "foreign key 10", "add NOT VALID")
	}}
	reg, err := NewRegistry(many)
	if err != nil {
		t.Fatal(err)
	}
	got := Run(NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}}), reg, &Config{})
	if len(got) != MaxRepeats+1 {
		t.Fatalf("%d findings: %v", len(got), got)
	}
	last := got[MaxRepeats]
	if last.Span.Line != 13 || last.Message != "and 7 more ML204 findings in this file like the ones above, at lines 13, 14, 15, 16, 17, 18, 19" {
		t.Errorf("summary: line %d %q", last.Span.Line, last.Message)
	}
}

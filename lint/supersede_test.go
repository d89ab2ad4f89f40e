package lint

import "testing"

func TestSupersededFindingIsDropped(t *testing.T) {
	general := &Rule{ID: "ML301", Name: "general", Title: "drop", Severity: SeverityError, Run: func(p *Pass) {
		p.Report(p.Revision, LineSpan(5), "general on 5", "")
		p.Report(p.Revision, LineSpan(9), "general on 9", "")
	}}
	specific := &Rule{ID: "ML307", Name: "specific", Title: "rename", Severity: SeverityError, Supersedes: []string{"ML301"}, Run: func(p *Pass) {
		p.Report(p.Revision, LineSpan(5), "specific on 5", "")
	}}
	reg, err := NewRegistry(general, specific)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}})
	var got []string
	for _, d := range Run(p, reg, &Config{}) {
		got = append(got, d.Message)
	}
	if len(got) != 2 || got[0] != "specific on 5" || got[1] != "general on 9" {
		t.Errorf("got %q, want the specific finding on line 5 and the general one on line 9", got)
	}
	// With the specific rule switched off, the general finding stays.
	got = nil
	for _, d := range Run(p, reg, &Config{Ignore: []string{"ML307"}}) {
		got = append(got, d.Message)
	}
	if len(got) != 2 || got[0] != "general on 5" {
		t.Errorf("with ML307 ignored got %q", got)
	}
}

// A measured finding (the sandbox's) replaces the static one it
// supersedes on the same line: a broken env.py is said once.
func TestMeasuredFindingSupersedesStatic(t *testing.T) {
	static := &Rule{ID: "ML707", Name: "env-cannot-load", Title: "env", Severity: SeverityError, Project: true, Run: func(p *Pass) {
		p.ReportFile("/p/migrations/env.py", "", LineSpan(4), "static on 4", "")
		p.ReportFile("/p/migrations/env.py", "", LineSpan(8), "static on 8", "")
	}}
	measuredRule := &Rule{ID: UpgradeFailedID, Name: "upgrade-failed", Title: "up", Severity: SeverityError, Supersedes: []string{"ML707"}}
	reg, err := NewRegistry(static, measuredRule)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProject("/p", []*Revision{{File: "/p/a.py", ID: "a", HasID: true}})
	measured := []Diagnostic{{Rule: UpgradeFailedID, File: "/p/migrations/env.py", Span: LineSpan(4), Message: "measured on 4"}}
	var got []string
	for _, d := range RunWith(p, reg, &Config{}, measured) {
		got = append(got, d.Message)
	}
	if len(got) != 2 || got[0] != "measured on 4" || got[1] != "static on 8" {
		t.Errorf("got %q, want the measured finding on line 4 and the static one on line 8", got)
	}
}

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

package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/rules"
)

// TestManyHeadsMessagesStayShort: 1,000 heads on one parent printed 46 MB
// when each message listed every other head. Each message names a few
// and counts the rest, and the help merges them all.
func TestManyHeadsMessagesStayShort(t *testing.T) {
	revs := []*lint.Revision{{File: "/p/versions/base.py", ID: "base", HasID: true}}
	for i := range 1000 {
		revs = append(revs, &lint.Revision{File: fmt.Sprintf("/p/versions/r%04d.py", i), ID: fmt.Sprintf("r%04d", i), HasID: true, DownRevisions: []string{"base"}})
	}
	p := lint.NewProject("/p", revs)
	diags := lint.Run(p, rules.Registry(), &lint.Config{Dialect: lint.PostgreSQL, Select: []string{"ML101"}})
	if len(diags) != 1000 {
		t.Fatalf("%d findings, want one per head", len(diags))
	}
	for _, d := range diags {
		if len(d.Message)+len(d.Help) > 600 || !strings.Contains(d.Message, "and 994 other heads") || !strings.Contains(d.Help, "alembic merge -m \"merge heads\" heads") {
			t.Fatalf("message of %d bytes: %s / %s", len(d.Message), d.Message, d.Help)
		}
	}
}

// TestComputedMetadataStaysOutOfTheGraph: a revision id or down_revision
// that only running the file gives is unknown, not None or "": no false
// second base (ML106), duplicate "" (ML104), extra head (ML101) or
// missing parent (ML102); ML004 says why the graph checks are quiet.
func TestComputedMetadataStaysOutOfTheGraph(t *testing.T) {
	computed := func(variable, source string) []lint.NonLiteralMetadata {
		return []lint.NonLiteralMetadata{{Variable: variable, Source: source, Span: lint.LineSpan(1)}}
	}
	revs := []*lint.Revision{
		{File: "/p/versions/a.py", ID: "a", HasID: true},
		{File: "/p/versions/b.py", HasID: true, DownRevisions: []string{"a"}, NonLiteral: computed("revision", "make()")},
		{File: "/p/versions/c.py", HasID: true, DownRevisions: []string{"a"}, NonLiteral: computed("revision", `f"{x}"`)},
		{File: "/p/versions/d.py", ID: "d", HasID: true, NonLiteral: computed("down_revision", "compute()")},
		{File: "/p/versions/e.py", ID: "e", HasID: true, DownRevisions: []string{"b"}},
	}
	p := lint.NewProject("/p", revs)
	var got []string
	for _, d := range lint.Run(p, rules.Registry(), &lint.Config{Dialect: lint.PostgreSQL, Select: []string{"ML0", "ML1"}}) {
		got = append(got, d.Rule+" "+strings.TrimPrefix(d.File, "/p/versions/"))
		if d.Rule == "ML004" && !strings.Contains(d.Message, "left out of the revision graph") {
			t.Errorf("ML004 does not say the graph checks are quiet: %s", d.Message)
		}
	}
	if want := "ML004 b.py,ML004 c.py,ML004 d.py"; strings.Join(got, ",") != want {
		t.Errorf("findings %q, want %s", got, want)
	}
}

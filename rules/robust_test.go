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

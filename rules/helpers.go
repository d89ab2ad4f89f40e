package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// quoted renders ids as "a", "b".
func quoted(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// at picks the first span that is set, else line 1: findings about a
// variable point at its assignment, and a file without one at its top.
func at(spans ...lint.Span) lint.Span {
	for _, s := range spans {
		if !s.IsZero() {
			return s
		}
	}
	return lint.LineSpan(1)
}

// revisionsAt returns the files of graph nodes.
func revisionsAt(p *lint.Project, nodes []int) []*lint.Revision {
	out := make([]*lint.Revision, len(nodes))
	for i, n := range nodes {
		out[i] = p.RevisionAt(n)
	}
	return out
}

// describeFiles names revisions with their files: "a1" (versions/a1.py).
func describeFiles(p *lint.Project, revs []*lint.Revision) string {
	parts := make([]string, len(revs))
	for i, r := range revs {
		parts[i] = fmt.Sprintf("%q (%s)", r.ID, p.Rel(r.File))
	}
	return strings.Join(parts, ", ")
}

// maxQuoted bounds how much of a statement or parser message a finding
// quotes.
const maxQuoted = 160

// oneLine folds text (SQL, a parser's message) onto one line and shortens
// it, so that a finding never spans lines it did not make.
func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

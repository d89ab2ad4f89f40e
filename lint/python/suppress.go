package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// suppressionComment matches `# migrate-lint: DIRECTIVE[CODES] REASON`.
var suppressionComment = lazyregexp.New(`^#\s*migrate-lint\s*:\s*([\w-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$`)

// collectSuppressions reads every comment of the file.
func (f *fileParser) collectSuppressions(n *node) {
	if n.kind == "comment" {
		if s, ok := parseSuppression(n.text(f.src.str)); ok {
			s.Span = f.spanOf(n)
			f.rev.Suppressions = append(f.rev.Suppressions, s)
		}
		return
	}
	for _, c := range n.children {
		f.collectSuppressions(c)
	}
}

// scanSuppressions reads the suppression comments with the scanner's
// tokenizer, for a file whose syntax tree is not walked.
func scanSuppressions(src *source) []lint.Suppression {
	var out []lint.Suppression
	t := &tokenizer{src: src.text, str: src.str}
	t.onComment = func(start, end int) {
		if s, ok := parseSuppression(string(src.text[start:end])); ok {
			s.Span = src.offsetSpan(start, end)
			out = append(out, s)
		}
	}
	for t.next().kind != tokEOF {
	}
	return out
}

// parseSuppression reads one comment; ok is false for comments that are
// not addressed to migrate-lint.
func parseSuppression(comment string) (lint.Suppression, bool) {
	m := suppressionComment.FindStringSubmatch(strings.TrimSpace(comment))
	if m == nil {
		return lint.Suppression{}, false
	}
	s := lint.Suppression{Reason: strings.TrimSpace(m[3])}
	for _, code := range strings.Split(m[2], ",") {
		if code = strings.TrimSpace(code); code != "" {
			s.Codes = append(s.Codes, code)
		}
	}
	switch directive := m[1]; {
	case directive == "ignore":
	case directive == "ignore-file":
		s.FileWide = true
	default:
		s.Codes = nil
		s.Malformed = "unknown migrate-lint directive " + quote(directive) + ": use ignore[...] or ignore-file[...]"
		return s, true
	}
	switch {
	case len(s.Codes) == 0:
		s.Malformed = "suppression names no rule: list the IDs in brackets"
	case s.Reason == "":
		s.Malformed = "suppression of " + strings.Join(s.Codes, ", ") + " gives no reason"
	}
	return s, true
}

func quote(s string) string { return `"` + s + `"` }

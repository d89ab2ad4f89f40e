package python

import (
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// metadata is what a front end (the tree-sitter parser or the line
// scanner) found at module level, before it is interpreted.
type metadata struct {
	assignments   []assignment
	docstring     string
	docstringLine int // where the docstring's text starts
}

type assignment struct {
	name  string
	value lint.Value
	// source is the value's text as written, for messages.
	source string
	span   lint.Span
}

// clip shortens a value's text for messages as the parser does, so that
// both front ends quote the same.
func clip(s string) string { return clipTo(s, maxOtherText) }

// clipTo cuts s to at most n bytes, at a character boundary, marking the
// cut.
func clipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

func isMetadataName(name string) bool {
	switch name {
	case "revision", "down_revision", "branch_labels", "depends_on":
		return true
	}
	return false
}

func (m metadata) has(name string) bool {
	for _, a := range m.assignments {
		if a.name == name {
			return true
		}
	}
	return false
}

// mergeMetadata fills what the parser missed with what the scanner found.
func mergeMetadata(parsed, scanned metadata) metadata {
	for _, a := range scanned.assignments {
		if !parsed.has(a.name) {
			parsed.assignments = append(parsed.assignments, a)
		}
	}
	if parsed.docstring == "" {
		parsed.docstring, parsed.docstringLine = scanned.docstring, scanned.docstringLine
	}
	return parsed
}

// applyMetadata interprets the assignments as Alembic does: the last
// assignment wins; a string or None or a tuple/list of strings is
// understood, anything else cannot be known without running the file.
func applyMetadata(rev *lint.Revision, m metadata) {
	for _, a := range m.assignments {
		ids, ok := stringList(a.value)
		if !ok {
			rev.NonLiteral = append(rev.NonLiteral, lint.NonLiteralMetadata{Variable: a.name, Source: a.source, Span: a.span})
		}
		switch a.name {
		case "revision":
			rev.HasID, rev.IDSpan = true, a.span
			rev.ID = ""
			if len(ids) == 1 && a.value.Kind == lint.KindString {
				rev.ID = ids[0]
			}
		case "down_revision":
			rev.DownRevisions, rev.DownRevisionSpan = ids, a.span
		case "branch_labels":
			rev.BranchLabels, rev.BranchLabelsSpan = ids, a.span
		case "depends_on":
			rev.DependsOn, rev.DependsOnSpan = ids, a.span
		}
	}
	applyDocstring(rev, m.docstring, m.docstringLine)
}

// stringList reads None, "a", ("a", "b") or ["a"]; ok is false for
// anything that is not a literal.
func stringList(v lint.Value) (ids []string, ok bool) {
	switch v.Kind {
	case lint.KindNone:
		return nil, true
	case lint.KindString:
		if v.Dynamic {
			return nil, false
		}
		if v.Text == "" {
			return nil, true
		}
		return []string{v.Text}, true
	case lint.KindList:
		for _, e := range v.Args {
			s, isStr := e.Str()
			if !isStr {
				return nil, false
			}
			ids = append(ids, s)
		}
		return ids, true
	}
	return nil, false
}

// applyDocstring reads the message line and the "Revision ID:" and
// "Revises:" lines of Alembic's script.py.mako template.
func applyDocstring(rev *lint.Revision, doc string, firstLine int) {
	if doc == "" {
		return
	}
	for i, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		if rev.Message == "" && trimmed != "" {
			rev.Message = trimmed
		}
		key, value, found := strings.Cut(trimmed, ":")
		if !found {
			continue
		}
		value = strings.TrimSpace(value)
		span := lint.LineSpan(firstLine + i)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "revision id":
			rev.Docstring.RevisionID, rev.Docstring.RevisionIDSpan = value, span
		case "revises":
			rev.Docstring.HasRevises, rev.Docstring.RevisesSpan = true, span
			rev.Docstring.Revises = nil
			for _, id := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' }) {
				// Hand-written docstrings say "Revises: None" for a base.
				if id != "None" {
					rev.Docstring.Revises = append(rev.Docstring.Revises, id)
				}
			}
		}
	}
}

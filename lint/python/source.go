package python

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// source is a revision file's text made safe to parse: UTF-8 without a BOM,
// with an index of line starts to turn byte offsets into 1-based character
// columns.
type source struct {
	text       []byte
	lineStarts []int
}

var codingCookie = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// newSource decodes raw file bytes. Python 2 era files declare latin-1 in an
// encoding cookie; anything else that is not valid UTF-8 has its bad bytes
// replaced, so that one stray byte does not hide the rest of the file.
func newSource(raw []byte) *source {
	text := bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(text) {
		if isLatin1(cookieEncoding(text)) {
			text = latin1ToUTF8(text)
		} else {
			text = []byte(strings.ToValidUTF8(string(text), "\uFFFD"))
		}
	}
	s := &source{text: text, lineStarts: []int{0}}
	for i, c := range text {
		if c == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// cookieEncoding returns the encoding named on one of the first two lines.
func cookieEncoding(text []byte) string {
	for i, line := range bytes.SplitN(text, []byte("\n"), 3) {
		if i == 2 {
			break
		}
		if m := codingCookie.FindSubmatch(line); m != nil {
			return strings.ToLower(string(m[1]))
		}
	}
	return ""
}

func isLatin1(enc string) bool {
	switch strings.ReplaceAll(enc, "_", "-") {
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252", "l1":
		return true
	}
	return false
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// Lines decodes a file as Python source and splits it into lines without
// line endings, for showing the offending line of a configuration file.
func Lines(raw []byte) []string { return newSource(raw).lines() }

// lines returns the text split into lines without line endings.
func (s *source) lines() []string {
	out := make([]string, len(s.lineStarts))
	for i, start := range s.lineStarts {
		end := len(s.text)
		if i+1 < len(s.lineStarts) {
			end = s.lineStarts[i+1] - 1
		}
		out[i] = strings.TrimSuffix(string(s.text[start:end]), "\r")
	}
	if len(out) > 1 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// column converts a 0-based row and byte column to a 1-based character
// column.
func (s *source) column(row, byteCol int) int {
	if row >= len(s.lineStarts) {
		return byteCol + 1
	}
	start := s.lineStarts[row]
	end := min(start+byteCol, len(s.text))
	return utf8.RuneCount(s.text[start:end]) + 1
}

// span converts tree-sitter rows and byte columns to a lint.Span.
func (s *source) span(startRow, startCol, endRow, endCol int) lint.Span {
	return lint.Span{
		Line: startRow + 1, Column: s.column(startRow, startCol),
		EndLine: endRow + 1, EndColumn: s.column(endRow, endCol),
	}
}

// offsetSpan converts byte offsets to a lint.Span.
func (s *source) offsetSpan(start, end int) lint.Span {
	sr, sc := s.rowCol(start)
	er, ec := s.rowCol(end)
	return s.span(sr, sc, er, ec)
}

func (s *source) rowCol(offset int) (row, col int) {
	lo, hi := 0, len(s.lineStarts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lineStarts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, offset - s.lineStarts[lo]
}

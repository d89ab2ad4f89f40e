package python

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// source is a revision file's text made safe to parse: UTF-8 without a BOM,
// line endings as Python reads them, with an index of line starts and of
// character counts to turn byte offsets into 1-based character columns in
// constant time, however long the line.
type source struct {
	text []byte
	// str is text as a string, made once: the lines, the nodes' texts and
	// the names the fast lexer reads are substrings of it, not copies.
	str        string
	lineStarts []int
	// ascii: every character is one byte, so a column is a byte count.
	ascii bool
	// runesBefore[k] counts the characters in text[:k*runeBlock].
	runesBefore []int
	// problem is why Python refuses the file before it parses it (a NUL
	// byte, bytes that are not UTF-8), at byte offset problemAt of text;
	// empty when there is none.
	problem   string
	problemAt int
	// tokens is tokenCheck's answer, once asked; bracketsFailed says it
	// failed on a closing bracket that matches none.
	tokens         *tokenResult
	bracketsFailed bool
}

// runeBlock is the stride of the character-count index: a column costs at
// most this many bytes of counting.
const runeBlock = 64

var codingCookie = lazyregexp.New(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// newSource decodes raw file bytes. Python 2 era files declare latin-1 in an
// encoding cookie and are decoded as such. Anything else that is not valid
// UTF-8 is an error for Python, recorded as the source's problem; the bad
// bytes are replaced so that the rest of the file can still be read. A
// lone carriage return ends a line, as in Python's universal newlines.
// The text is kept as a string too (str), for the parsers and the
// scanner, whose tokens are substrings of it; it shares raw's memory, so
// raw must not change while anything read from it is in use.
func newSource(raw []byte) *source {
	text := bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	s := &source{problemAt: -1}
	if !utf8.Valid(text) {
		enc := cookieEncoding(text)
		switch {
		case isLatin1(enc):
			text = latin1ToUTF8(text)
		default:
			bad := firstInvalidUTF8(text)
			if enc == "" || isUTF8(enc) {
				s.setProblem(bad, fmt.Sprintf("byte 0x%02x is not UTF-8 and no coding cookie declares another encoding: Python refuses the file (\"Non-UTF-8 code\")", text[bad]))
			}
			// Another declared encoding is Python's to decode; its
			// non-ASCII text only loses characters here.
			text = []byte(strings.ToValidUTF8(string(text), "\uFFFD"))
		}
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		s.setProblem(i, "the file contains a NUL byte: Python refuses it (\"source code cannot contain null bytes\")")
	}
	s.text = normalizeNewlines(text)
	// Not a copy: the text, the caller's bytes unless decoding or line
	// endings changed them, is never written once read (the entry points
	// say so to their callers), and a copy of every file read was a few
	// percent of a check's fresh memory.
	s.str = unsafe.String(unsafe.SliceData(s.text), len(s.text))
	s.index()
	return s
}

// setProblem keeps the first problem in the file, as Python reports it.
func (s *source) setProblem(offset int, msg string) {
	if s.problemAt < 0 || offset < s.problemAt {
		s.problem, s.problemAt = msg, offset
	}
}

// problemError returns the source's problem as a syntax error.
func (s *source) problemError() (lint.SyntaxError, bool) {
	if s.problem == "" {
		return lint.SyntaxError{}, false
	}
	return lint.SyntaxError{Span: s.offsetSpan(s.problemAt, s.problemAt+1), Message: s.problem}, true
}

// normalizeNewlines turns a lone \r into \n, which Python reads as a line
// end and tree-sitter would not. \r\n is left alone; byte offsets do not
// change either way.
func normalizeNewlines(text []byte) []byte {
	var out []byte
	for i := bytes.IndexByte(text, '\r'); i >= 0; {
		if i+1 >= len(text) || text[i+1] != '\n' {
			if out == nil {
				out = bytes.Clone(text)
			}
			out[i] = '\n'
		}
		j := bytes.IndexByte(text[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if out == nil {
		return text
	}
	return out
}

// index records where lines start and, for non-ASCII text, how many
// characters precede every runeBlock-th byte.
func (s *source) index() {
	s.lineStarts = make([]int, 1, bytes.Count(s.text, []byte{'\n'})+1)
	s.ascii = true
	for i, c := range s.text {
		switch {
		case c == '\n':
			s.lineStarts = append(s.lineStarts, i+1)
		case c >= 0x80:
			s.ascii = false
		}
	}
	if s.ascii {
		return
	}
	s.runesBefore = make([]int, len(s.text)/runeBlock+1)
	count := 0
	for k := range s.runesBefore {
		s.runesBefore[k] = count
		end := min((k+1)*runeBlock, len(s.text))
		count += runeStarts(s.text[k*runeBlock : end])
	}
}

// runeStarts counts the bytes that start a character: in valid UTF-8,
// the characters, even where b starts or ends inside one.
func runeStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// runeIndex is the number of characters before byte offset.
func (s *source) runeIndex(offset int) int {
	if s.ascii {
		return offset
	}
	k := offset / runeBlock
	return s.runesBefore[k] + runeStarts(s.text[k*runeBlock:offset])
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
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

func isUTF8(enc string) bool {
	switch strings.ReplaceAll(enc, "_", "-") {
	case "utf-8", "utf8", "utf-8-sig":
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
// The lines share raw's memory: raw must not change afterwards.
func Lines(raw []byte) []string { return newSource(raw).lines() }

// lines returns the text split into lines without line endings.
func (s *source) lines() []string {
	out := make([]string, len(s.lineStarts))
	// One string for the text and the lines its substrings: one object
	// for the collector instead of one a line (a project's lines are
	// held until the report).
	text := s.str
	for i, start := range s.lineStarts {
		end := len(text)
		if i+1 < len(s.lineStarts) {
			end = s.lineStarts[i+1] - 1
		}
		out[i] = strings.TrimSuffix(text[start:end], "\r")
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
	return s.runeIndex(end) - s.runeIndex(start) + 1
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

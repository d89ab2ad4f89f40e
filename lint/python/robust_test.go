package python

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TestPythonRefusesWhatTreeSitterAccepts: each file below is an error for
// Python (so Alembic cannot import it), while tree-sitter parses it; the
// revision reports it as Python would, at the place Python names, and the
// metadata is still read.
func TestPythonRefusesWhatTreeSitterAccepts(t *testing.T) {
	meta := "revision = 'a'\ndown_revision = None\n"
	nested := func(n int) string { return "x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "\n" }
	block := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%sif x:\n", strings.Repeat(" ", i))
		}
		fmt.Fprintf(&b, "%spass\n", strings.Repeat(" ", n))
		return b.String()
	}
	tests := []struct {
		name, src string
		line      int    // 0: no error expected
		message   string // a part of the expected message
	}{
		{"invalid utf-8, no cookie", meta + "# caf\xe9\n", 3, "byte 0xe9 is not UTF-8"},
		{"invalid utf-8, utf-8 cookie", "# coding: utf-8\n" + meta + "x = '\xff'\n", 4, "byte 0xff is not UTF-8"},
		{"latin-1 cookie", "# -*- coding: latin-1 -*-\n" + meta + "x = 'caf\xe9'\n", 0, ""},
		{"another declared encoding", "# coding: cp1251\n" + meta + "x = '\xe9'\n", 0, ""},
		{"NUL byte", meta + "x = 1\n\x00\n", 4, "NUL byte"},
		{"NUL byte late in a big file", meta + strings.Repeat("x = 1\n", 3000) + "y = '\x00'\n", 3003, "NUL byte"},
		{"tab after spaces", meta + "def f():\n        x = 1\n\ty = 2\n", 5, "TabError"},
		{"tab then spaces", meta + "def f():\n\tif x:\n        y = 2\n", 5, "TabError"},
		{"tabs only", meta + "def f():\n\tif x:\n\t\ty = 2\n", 0, ""},
		{"tab to the same level as 8 spaces, in brackets", meta + "x = [\n        1,\n\t2,\n]\n", 0, ""},
		{"continuation line indented anyhow", meta + "x = 1 + \\\n\t      2\ny = 3\n", 0, ""},
		{"CRLF continuation", meta + "x = 1 + \\\r\n\t      2\r\ny = 3\r\n", 0, ""},
		{"unindent to no level", meta + "def f():\n        x = 1\n    y = 2\n", 5, "unindent does not match"},
		{"dedent to an outer level", meta + "def f():\n    if x:\n        y = 2\n    z = 3\nw = 4\n", 0, ""},
		{"comment lines do not indent", meta + "def f():\n    x = 1\n  # note\n\t# note\n    y = 2\n", 0, ""},
		{"docstring lines do not indent", meta + "def f():\n    '''\n  text\n\ttext\n'''\n    y = 2\n", 0, ""},
		{"200 nested brackets", meta + nested(200), 0, ""},
		{"201 nested brackets", meta + nested(201), 3, "too many nested parentheses"},
		{"indented first line", "  " + meta, 1, "unexpected indent"},
		{"a number runs into a name", meta + "x = 0branch_labels\n", 3, "a number runs into a name"},
		{"an unknown string prefix", "BB\"doc\"\n" + meta, 1, "a string prefix Python 3 does not know"},
		{"a Python 2 string prefix", meta + "x = ur'a'\n", 3, "a string prefix Python 3 does not know"},
		{"string prefixes", meta + "x = (rb'a', Rb'b', BR'c', f'd', rf'e', U'f', t'g')\n", 0, ""},
		{"a keyword right after a number", meta + "x = 1if y else 0x1For z\n", 0, ""},
		{"number forms", meta + "x = (0x_1F, 0o17, 0b1, 1_000.5e-3j, 1., .5)\n", 0, ""},
		{"two statements on a line", meta + "\"\"\"a\"\"\"0\n", 3, "invalid Python syntax"},
		{"unexpected indent", meta + "x = 0\n  y = 1\n", 4, "unexpected indent"},
		{"a vertical tab as a space", meta + "depends_on =\vNone\n", 3, "invalid character"},
		{"a dollar sign", meta + "x = $y\n", 3, "invalid character"},
		{"f-string fields over lines and with quotes (3.12)", meta + "x = f\"{\n    a['k']\n}\" + f'{d[\"k\"]}{{'\ny = 1\n", 0, ""},
		// tree-sitter reads B"\u" on as one string with the next quote
		// (its scanner forgets the \u it stepped over) and finds no error.
		{"unterminated string after a bytes \\u", meta + "B\"\\u\"0\"\\", 3, "unterminated string literal"},
		{"unterminated string", meta + "x = 'abc\ny = 1\n", 3, "unterminated string literal"},
		{"unterminated triple-quoted string", meta + "x = '''abc\ny = 1\n", 3, "unterminated triple-quoted string literal"},
		{"a string continued over a backslash-newline", meta + "x = 'abc\\\ndef'\n", 0, ""},
		{"a string continued over a backslash-CRLF", meta + "x = 'abc\\\r\ndef'\r\ny = r'g\\\r\nh'\r\n", 0, ""},
		{"99 nested blocks", meta + block(99), 0, ""},
		{"100 nested blocks", meta + block(100), 103, "too many levels of indentation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, tt.src)
			if r.ID != "a" || !r.HasID {
				t.Errorf("metadata lost: id %q", r.ID)
			}
			if tt.line == 0 {
				if len(r.SyntaxErrors) > 0 {
					t.Errorf("unexpected syntax error %+v", r.SyntaxErrors)
				}
				return
			}
			if len(r.SyntaxErrors) != 1 || r.SyntaxErrors[0].Span.Line != tt.line || !strings.Contains(r.SyntaxErrors[0].Message, tt.message) {
				t.Errorf("syntax errors %+v, want one on line %d with %q", r.SyntaxErrors, tt.line, tt.message)
			}
		})
	}
}

// TestLoneCarriageReturn: Python ends a line at a lone \r; so do the
// parser and the scanner, and neither sees a syntax error.
func TestLoneCarriageReturn(t *testing.T) {
	src := "\"\"\"add x\r\rRevision ID: a\r\"\"\"\rrevision = 'a'\rdown_revision = 'b'\r\rdef upgrade():\r    op.drop_table('t')\r"
	r := parse(t, src)
	if r.ID != "a" || !slices.Equal(r.DownRevisions, []string{"b"}) || len(r.SyntaxErrors) > 0 || r.Message != "add x" {
		t.Errorf("parser: id %q down %q message %q errors %+v", r.ID, r.DownRevisions, r.Message, r.SyntaxErrors)
	}
	if len(r.Calls) != 1 || r.Calls[0].Span.Line != 9 || r.IDSpan.Line != 5 {
		t.Errorf("positions: calls %+v id line %d", r.Calls, r.IDSpan.Line)
	}
	s := ScanRevision("x.py", []byte(src))
	if s.ID != "a" || !slices.Equal(s.DownRevisions, []string{"b"}) || s.IDSpan.Line != 5 {
		t.Errorf("scanner: id %q down %q line %d", s.ID, s.DownRevisions, s.IDSpan.Line)
	}
}

// TestStatementsOnOneLine: the scanner reads `;`-separated statements at
// module level as the parser does, and neither reads them inside a
// compound statement's body.
func TestStatementsOnOneLine(t *testing.T) {
	for _, tt := range []struct {
		src, id string
		down    []string
	}{
		{"revision = 'a'; down_revision = 'b'\n", "a", []string{"b"}},
		{"x = 1; revision = 'a'; down_revision = ('b', 'c');\n", "a", []string{"b", "c"}},
		{"revision = make(); down_revision = 'b'\n", "", []string{"b"}},
		// A metadata name that assigns nothing, then a statement.
		{"revision; down_revision = 'b'\n", "", []string{"b"}},
		{"revision: str; down_revision = 'b'\nrevision = 'a'\n", "a", []string{"b"}},
		{"revision: Annotated[str, x] = 'a'; down_revision = 'b'\n", "a", []string{"b"}},
		{"revision = 'a'\nif x: down_revision = 'b'\n", "a", nil},
		{"revision = 'a'\nif x: y = 1; down_revision = 'b'\n", "a", nil},
		{"revision = 'a'\ndef f(): down_revision = 'b'\n", "a", nil},
		// tree-sitter reads these two statements as one assignment to
		// (a, revision); Python, and so both front ends, as two.
		{"a,\nrevision = 'a'\n", "a", nil},
		{"revision = 'x'\na,\nrevision = 'a'\n", "a", nil},
	} {
		full, fast := parse(t, tt.src), ScanRevision("x.py", []byte(tt.src))
		for _, r := range []*lint.Revision{full, fast} {
			if r.ID != tt.id || !slices.Equal(r.DownRevisions, tt.down) {
				t.Errorf("%q: id %q down %q, want %q %q", tt.src, r.ID, r.DownRevisions, tt.id, tt.down)
			}
		}
	}
}

// TestDocstringIsALoneString: a tuple or a call on a string, or a bytes
// literal, is no docstring, for the parser as for the scanner.
func TestDocstringIsALoneString(t *testing.T) {
	for _, src := range []string{"\"\"\"add x\"\"\",\nrevision = 'a'\n", "\"\"\"add x\"\"\".strip()\nrevision = 'a'\n", "b\"\"\"add x\"\"\"\nrevision = 'a'\n", "Rb'add x'\nrevision = 'a'\n"} {
		for _, r := range []*lint.Revision{parse(t, src), ScanRevision("x.py", []byte(src))} {
			if r.Message != "" || r.ID != "a" {
				t.Errorf("%q: message %q id %q", src, r.Message, r.ID)
			}
		}
	}
}

// TestDeepNesting: 600 KB of unclosed brackets in down_revision (which
// overflowed the scanner's stack) is a syntax error with the metadata
// kept, for the scanner and the parser alike.
func TestDeepNesting(t *testing.T) {
	src := "revision = 'a'\ndown_revision = " + strings.Repeat("(", 600_000) + "\n"
	s := ScanRevision("x.py", []byte(src))
	if s.ID != "a" || len(s.NonLiteral) != 1 || len(s.NonLiteral[0].Source) > maxOtherText+3 {
		t.Errorf("scanner: id %q non-literal %d", s.ID, len(s.NonLiteral))
	}
	r := parse(t, src)
	if r.ID != "a" || len(r.SyntaxErrors) != 1 {
		t.Errorf("parser: id %q errors %+v", r.ID, r.SyntaxErrors)
	}
}

// TestUnanalysable: a file nested deeper than the analysis follows, and a
// file that exhausts the parser's work bound, are reported as not analysed
// (not as syntax errors), with their metadata and suppressions read.
func TestUnanalysable(t *testing.T) {
	head := "# migrate-lint: ignore-file[ML005] generated, reviewed by hand\nrevision = 'a'\ndown_revision = 'b'\n"
	deep := head + "def upgrade():\n    x = " + strings.Repeat("-", maxTreeDepth+10) + "1\n"
	r := parse(t, deep)
	if !strings.Contains(r.Unanalysed, "levels deep") || len(r.SyntaxErrors) > 0 || len(r.Calls) > 0 {
		t.Errorf("deep: unanalysed %q errors %+v calls %d", r.Unanalysed, r.SyntaxErrors, len(r.Calls))
	}
	if r.ID != "a" || !slices.Equal(r.DownRevisions, []string{"b"}) || len(r.Suppressions) != 1 || r.Suppressions[0].Codes[0] != "ML005" {
		t.Errorf("deep: id %q down %q suppressions %+v", r.ID, r.DownRevisions, r.Suppressions)
	}
	// No real input reaches the work bound (budget_test.go keeps it so):
	// the parser's answer is given as it would come.
	src := newSource([]byte(head + "def upgrade():\n    op.drop_table('t')\n"))
	r = revisionFromTree(&lint.Revision{File: "x.py"}, src, &node{kind: "module"}, true, ErrTooComplex)
	if !strings.Contains(r.Unanalysed, "too large or too complex") || len(r.SyntaxErrors) > 0 || r.ID != "a" || len(r.Suppressions) != 1 {
		t.Errorf("work bound: %+v", r)
	}
}

// TestColumnsOnLongLines: columns count characters on a long line with
// non-ASCII text, in constant time per span (the index is built once).
func TestColumnsOnLongLines(t *testing.T) {
	line := "x = 'é' + " + strings.Repeat("'ü' + ", 5000) + "'z'"
	src := newSource([]byte("a = 1\n" + line + "\n"))
	for _, byteCol := range []int{0, 5, 9, 10, 100, 1001, len(line)} {
		want := utf8.RuneCountInString(line[:byteCol]) + 1
		if got := src.column(1, byteCol); got != want {
			t.Errorf("column at byte %d = %d, want %d", byteCol, got, want)
		}
	}
}

// BenchmarkParseLongLine parses one long line of non-ASCII strings, whose
// every string gets a span: columns used to be counted from the line's
// start for each, which grew as the square of the line.
func BenchmarkParseLongLine(b *testing.B) {
	p := NewParser()
	defer p.Close()
	for _, n := range []int{5000, 20000} {
		src := []byte("revision = 'a'\ndown_revision = None\n\ndef upgrade():\n    op.execute('é', " + strings.Repeat("'ü', ", n) + "'z')\n")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if r := p.ParseRevision("x.py", src); len(r.Calls) != 1 {
					b.Fatal(len(r.Calls))
				}
			}
		})
	}
}

package python

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseBudget keeps the work bound far from real files: every Python
// file of the repository's fixtures and examples parses within a tenth of
// its budget, so no valid revision is ever called too complex.
func TestParseBudget(t *testing.T) {
	t.Parallel()
	p := newPyParser()
	defer p.close()
	var files []string
	for _, root := range []string{"../../rules/testdata", "../../testdata", "testdata"} {
		_ = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && (strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".txtar")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d files found", len(files))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.parseTS(data); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if limit := parseBudget(len(data)) / 10; p.lastChecks > limit {
			t.Errorf("%s: %d progress checks, more than a tenth of its budget (%d)", path, p.lastChecks, limit)
		}
		if limit := readBudget(len(data)) / 10; p.lastRead > limit {
			t.Errorf("%s: its lexer read %d bytes, more than a tenth of its budget (%d)", path, p.lastRead, limit)
		}
	}
}

// TestParseBudgetStopsRunawayRecovery: input on which tree-sitter's error
// recovery runs away is stopped by the budget with ErrTooComplex, and
// the parser that was stopped parses the next file normally.
func TestParseBudgetStopsRunawayRecovery(t *testing.T) {
	t.Parallel()
	p := newPyParser()
	defer p.close()
	hostile := []byte("x = " + strings.Repeat("[(", 20000) + "\n" + strings.Repeat("def f(:\n  ] + lambda *, **:\n", 3000))
	_, _, err := p.parseTS(hostile)
	if err != nil && !errors.Is(err, ErrTooComplex) {
		t.Fatalf("hostile input: %v", err)
	}
	if err == nil && p.lastChecks > parseBudget(len(hostile)) {
		t.Fatalf("parse used %d checks, over its budget %d", p.lastChecks, parseBudget(len(hostile)))
	}
	root, hasError, err := p.parseTS([]byte("revision = 'a'\ndown_revision = None\n"))
	if err != nil || hasError || len(root.children) != 2 {
		t.Fatalf("the next parse: err %v, error %v, %d statements", err, hasError, len(root.children))
	}
}

// TestCommentRuns: tree-sitter-python's scanner is quadratic on a run of
// comment lines (it looks past all of them after each one). A valid file
// goes to the fast parser, which reads it whole; a file that must go to
// tree-sitter (here: a syntax error after the comments) is stopped by the
// read budget and called too complex, instead of taking minutes.
func TestCommentRuns(t *testing.T) {
	file := func(lines int) string {
		var b strings.Builder
		b.WriteString("revision = 'a'\ndown_revision = None\n\n\ndef upgrade():\n    op.drop_table('t')\n")
		for i := range lines {
			if i == lines/2 {
				b.WriteString("    # migrate-lint: ignore-file[ML301] the table was never used\n")
			}
			b.WriteString("    # an old comment kept for history, as long as most lines\n")
		}
		return b.String()
	}
	valid := file(20000)
	p := NewParser()
	defer p.Close()
	rev := p.ParseRevision("x.py", []byte(valid))
	if len(rev.SyntaxErrors) != 0 || len(rev.Suppressions) != 1 || len(rev.Calls) != 1 {
		t.Fatalf("valid file with 20,000 comment lines: errors %v, %d suppressions, %d calls", rev.SyntaxErrors, len(rev.Suppressions), len(rev.Calls))
	}

	invalid := file(3000) + "def downgrade(:\n"
	ts := newPyParser()
	defer ts.close()
	if _, _, err := ts.parseTS([]byte(invalid)); !errors.Is(err, ErrTooComplex) {
		t.Fatalf("tree-sitter on 3,000 comment lines: %v, want ErrTooComplex", err)
	}
	if limit := readBudget(len(invalid)) + 2*4096; ts.lastRead > limit {
		t.Fatalf("the lexer read %d bytes, over its budget %d", ts.lastRead, limit)
	}
	rev = p.ParseRevision("x.py", []byte(invalid))
	// ML005: not analysed, with the scanner's metadata.
	if len(rev.SyntaxErrors) != 0 || !strings.Contains(rev.Unanalysed, "too large or too complex") || rev.ID != "a" {
		t.Fatalf("the file is reported %v, unanalysed %q, id %q", rev.SyntaxErrors, rev.Unanalysed, rev.ID)
	}
}

// TestUnmatchedBracketsSkipTheParser: a closing bracket that matches no
// opening one is refused by Python's tokenizer, and runs of them next to
// other errors send tree-sitter's error recovery into superlinear time
// (336 KB took 43 s). Such a file is Python's syntax error at once, with
// the scanner's metadata, and no parser runs.
func TestUnmatchedBracketsSkipTheParser(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{strings.Repeat("def f(:\n  ] + lambda *, **:\n", 12000), `closing bracket "]" does not match the opening "(" on line 4`},
		{strings.Repeat(") + lambda\n", 12000), `unmatched ")"`},
	} {
		src := "revision = 'a'\ndown_revision = None\n# migrate-lint: ignore-file[ML301] kept\n" + c.body
		p := NewParser()
		rev := p.ParseRevision("x.py", []byte(src))
		checks, read := p.py.lastChecks, p.py.lastRead
		p.Close()
		if len(rev.SyntaxErrors) != 1 || !strings.Contains(rev.SyntaxErrors[0].Message, c.want) || rev.ID != "a" || len(rev.Suppressions) != 1 {
			t.Errorf("%.20q: errors %v, id %q, %d suppressions", c.body, rev.SyntaxErrors, rev.ID, len(rev.Suppressions))
		}
		if checks != 0 || read != 0 {
			t.Errorf("%.20q: tree-sitter ran (%d checks, %d bytes read)", c.body, checks, read)
		}
	}
	// Brackets in strings and comments are not brackets.
	p := NewParser()
	defer p.Close()
	rev := p.ParseRevision("y.py", []byte("revision = 'b'\ndown_revision = None\nx = ')]'  # ) ]\n"))
	if len(rev.SyntaxErrors) != 0 {
		t.Errorf("brackets in a string or comment: %v", rev.SyntaxErrors)
	}
}

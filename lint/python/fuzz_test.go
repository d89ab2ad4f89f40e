package python

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedFiles are the project's real revision files and fixtures.
func seedFiles(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, pattern := range []string{"../../testdata/example/migrations/versions/*.py", "../../rules/testdata/*/*.py", "../../rules/testdata/*/*.txtar"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(p, ".txtar") {
				// Each archive member is a revision file.
				for i, part := range strings.Split(string(data), "\n-- ") {
					if _, body, ok := strings.Cut(part, " --\n"); ok {
						out[p+"#"+string(rune('0'+i))] = []byte(body)
					}
				}
				continue
			}
			out[p] = data
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d seed files", len(out))
	}
	return out
}

func FuzzParseRevision(f *testing.F) {
	for _, data := range seedFiles(f) {
		f.Add(data)
	}
	f.Add([]byte("revision = (\n"))
	f.Add([]byte("\"\"\"unterminated\nrevision = 'x'"))
	f.Add([]byte("\xEF\xBB\xBF# coding: latin-1\nrevision = '\xe9'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := NewParser()
		defer p.Close()
		rev := p.ParseRevision("x.py", data)
		for _, e := range rev.SyntaxErrors {
			if strings.Contains(e.Message, "could not read this file") {
				t.Fatalf("parser panicked: %s", e.Message)
			}
		}
		for _, c := range rev.Calls {
			if c.Span.Line < 1 || c.Span.Line > len(rev.Lines)+1 || c.Span.Column < 1 {
				t.Fatalf("call %s has span %+v outside %d lines", c.Callee, c.Span, len(rev.Lines))
			}
		}
		if !utf8.ValidString(rev.ID) || !utf8.ValidString(rev.Message) {
			t.Fatalf("invalid UTF-8 in metadata %q %q", rev.ID, rev.Message)
		}
		ScanRevision("x.py", data)
	})
}

// TestScannerAgreesWithParser: the graph command reads metadata with the
// scanner, the check command with tree-sitter; on every real file both must
// see the same graph.
func TestScannerAgreesWithParser(t *testing.T) {
	t.Parallel()
	p := NewParser()
	defer p.Close()
	for name, data := range seedFiles(t) {
		full, fast := p.ParseRevision(name, data), ScanRevision(name, data)
		if full.ID != fast.ID || full.HasID != fast.HasID || strings.Join(full.DownRevisions, ",") != strings.Join(fast.DownRevisions, ",") ||
			strings.Join(full.BranchLabels, ",") != strings.Join(fast.BranchLabels, ",") || strings.Join(full.DependsOn, ",") != strings.Join(fast.DependsOn, ",") ||
			full.Message != fast.Message || full.IDSpan.Line != fast.IDSpan.Line || len(full.NonLiteral) != len(fast.NonLiteral) {
			t.Errorf("%s:\nparser  %q %q %q %q %q line %d\nscanner %q %q %q %q %q line %d", name,
				full.ID, full.DownRevisions, full.BranchLabels, full.DependsOn, full.Message, full.IDSpan.Line,
				fast.ID, fast.DownRevisions, fast.BranchLabels, fast.DependsOn, fast.Message, fast.IDSpan.Line)
		}
	}
}

// FuzzMetadataAgreement: on any file that Python accepts (tree-sitter
// finds no error, and neither do the checks of what tree-sitter lets
// pass), the scanner that the graph command uses and the parser that the
// check command uses read the same revision metadata.
func FuzzMetadataAgreement(f *testing.F) {
	for _, data := range seedFiles(f) {
		f.Add(data)
	}
	f.Add([]byte("revision = 'a'; down_revision = 'b'\n"))
	f.Add([]byte("x = 1; revision = 'a'\nif x: down_revision = 'b'\n"))
	f.Add([]byte("\"\"\"msg\r\rRevision ID: a\r\"\"\"\rrevision = 'a'\rdown_revision = ('b',\r 'c')\r"))
	f.Add([]byte("revision: str = 'a'\ndown_revision: Union[str, None] = None\nbranch_labels = ['x']\ndepends_on = f'{y}'\n"))
	// A tuple without brackets, annotated or not, with a trailing comma.
	f.Add([]byte("revision: str = 'a'\ndown_revision: Union[str, None] = 'b', \nbranch_labels = 'x', 'y'\n"))
	// A form feed before the docstring: Python counts its column from 0.
	f.Add([]byte("\f\"\"\"message\n\nRevision ID: a\n\"\"\"\n\frevision = 'a'\ndown_revision = None\n"))
	// tree-sitter reads past a bytes literal's \u (Python: unterminated).
	f.Add([]byte("B\"\\u\"0\"\\"))
	// A metadata name that is not assigned, then a statement after `;`.
	f.Add([]byte("revision; down_revision = 'b'\n"))
	f.Add([]byte("revision: str; down_revision = 'b'\nrevision = 'a'\n"))
	// A bytes literal is no docstring.
	f.Add([]byte("b'''msg\n\nRevision ID: a\n'''\nrevision = 'a'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := NewParser()
		defer p.Close()
		full := p.ParseRevision("x.py", data)
		if len(full.SyntaxErrors) > 0 || full.Unanalysed != "" {
			return
		}
		fast := ScanRevision("x.py", data)
		if full.ID != fast.ID || full.HasID != fast.HasID || strings.Join(full.DownRevisions, ",") != strings.Join(fast.DownRevisions, ",") ||
			strings.Join(full.BranchLabels, ",") != strings.Join(fast.BranchLabels, ",") || strings.Join(full.DependsOn, ",") != strings.Join(fast.DependsOn, ",") ||
			full.IDSpan.Line != fast.IDSpan.Line || len(full.NonLiteral) != len(fast.NonLiteral) || full.Message != fast.Message {
			t.Fatalf("%q:\nparser  %q %v %q %q %q line %d non-literal %d %q\nscanner %q %v %q %q %q line %d non-literal %d %q", data,
				full.ID, full.HasID, full.DownRevisions, full.BranchLabels, full.DependsOn, full.IDSpan.Line, len(full.NonLiteral), full.Message,
				fast.ID, fast.HasID, fast.DownRevisions, fast.BranchLabels, fast.DependsOn, fast.IDSpan.Line, len(fast.NonLiteral), fast.Message)
		}
	})
}

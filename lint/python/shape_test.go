package python

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShapeScannerAgreesWithParser: the text scanner's reading of
// upgrade() and downgrade() (defined, empty, irreversible) matches the
// syntax tree's on every fixture that parses without errors.
func TestShapeScannerAgreesWithParser(t *testing.T) {
	t.Parallel()
	p := NewParser()
	defer p.Close()
	files, _ := filepath.Glob("../../rules/testdata/*/*.py")
	examples, _ := filepath.Glob("../../testdata/*/migrations/versions/*.py")
	files = append(files, examples...)
	if len(files) < 50 {
		t.Fatalf("only %d files", len(files))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		parsed := p.ParseRevision(path, data)
		if len(parsed.SyntaxErrors) > 0 {
			continue
		}
		src := newSource(data)
		for _, c := range []struct {
			name string
			want [3]bool
		}{
			{"upgrade", [3]bool{parsed.Upgrade.Defined, parsed.Upgrade.Empty, parsed.Upgrade.Irreversible}},
			{"downgrade", [3]bool{parsed.Downgrade.Defined, parsed.Downgrade.Empty, parsed.Downgrade.Irreversible}},
		} {
			fn := scanFunctionShape(src.str, c.name)
			got := [3]bool{fn.Defined, fn.Empty, fn.Irreversible}
			if got != c.want && !strings.Contains(string(data), "def "+c.name+"_") {
				t.Errorf("%s %s: scanner %v, parser %v (defined, empty, irreversible)", filepath.Base(path), c.name, got, c.want)
			}
		}
	}
}

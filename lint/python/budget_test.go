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

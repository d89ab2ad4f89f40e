package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/files"
	"github.com/migrate-lint/migrate-lint/report"
)

// TestAddSourcesSplitsAsTheLoader: a file the sandbox reported on, which
// the loader did not read, gets its lines as the loader splits them: a
// CRLF file's without the carriage returns, which the text report would
// otherwise show escaped.
func TestAddSourcesSplitsAsTheLoader(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.py")
	if err := os.WriteFile(path, []byte("import os\r\nx = os.getenv('X')\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := &report.Report{Sources: map[string][]string{}}
	addSources(rep, []lint.Diagnostic{{File: path, Span: lint.LineSpan(2)}}, files.New(dir))
	got := rep.Sources[path]
	if len(got) < 2 || !reflect.DeepEqual(got[:2], []string{"import os", "x = os.getenv('X')"}) {
		t.Errorf("lines %q", got)
	}
}

package lint_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corePackages are the packages that take parsed input and return
// findings: the engine and its types, the graph, the SQL front ends, the
// lowering into operations, the Python parser, and the rules.
var corePackages = []string{".", "graph", "sql", "ops", "python", "../rules"}

// TestCoreDoesNoIO keeps the core packages free of I/O: files, network,
// processes, databases, clocks and the environment live at the edges
// (load, report, github, sandbox, cmd).
func TestCoreDoesNoIO(t *testing.T) {
	t.Parallel()
	forbidden := []string{"os", "os/exec", "os/signal", "net", "net/http", "database/sql", "io/ioutil", "io/fs", "syscall", "time", "path/filepath",
		"github.com/migrate-lint/migrate-lint/load", "github.com/migrate-lint/migrate-lint/report", "github.com/migrate-lint/migrate-lint/github", "github.com/migrate-lint/migrate-lint/sandbox"}
	for _, dir := range corePackages {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		if len(files) == 0 {
			t.Fatalf("no Go files in %s", dir)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range forbidden {
					if path == bad || strings.HasPrefix(path, bad+"/") || strings.HasPrefix(path, "net/") {
						t.Errorf("%s imports %s: the core must not do I/O", file, path)
					}
				}
			}
		}
	}
}

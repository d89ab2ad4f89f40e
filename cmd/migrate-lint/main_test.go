package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// repoRoot is where the README's commands run.
var repoRoot, _ = filepath.Abs("../..")

// runCLI runs the command from the repository root, where the README's
// commands run, and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(repoRoot)
	t.Setenv("GITHUB_ACTIONS", "") // the tests mean the default command, not GitHub mode
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(repoRoot, "cmd", "migrate-lint", "testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/migrate-lint -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test ./cmd/migrate-lint -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// writeFiles creates files (path relative to dir -> content).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGoldenOutputs(t *testing.T) {
	for _, tt := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"example.txt", []string{"testdata/example/alembic.ini", "--no-color"}, 1},
		{"example.json", []string{"check", "testdata/example", "--format", "json"}, 1},
		{"graph.txt", []string{"graph", "testdata/example"}, 0},
		{"graph.json", []string{"graph", "testdata/example/migrations", "--format=json"}, 0},
		{"rules.txt", []string{"rules"}, 0},
		{"example.sarif", []string{"testdata/example", "--format", "sarif"}, 1},
		{"example.github.txt", []string{"testdata/example", "--format", "github"}, 1},
		{"example.md", []string{"testdata/example", "--format", "markdown"}, 1},
		{"example.rdjson", []string{"testdata/example", "--format", "rdjson"}, 1},
		{"example.gitlab.json", []string{"testdata/example", "--format", "gitlab"}, 1},
		{"explain.txt", []string{"explain", "ML101"}, 0},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			golden(t, tt.golden, stdout)
		})
	}
}

func TestJSONContract(t *testing.T) {
	stdout, _, _ := runCLI(t, "testdata/example", "--format", "json")
	var doc struct {
		Version     int `json:"version"`
		Tool        struct{ Name, Version string }
		Dialect     string
		Diagnostics []map[string]any
		Summary     map[string]int
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Tool.Name != "migrate-lint" || doc.Dialect != "postgresql" || doc.Summary["revisions"] != 5 || doc.Summary["files"] != 5 {
		t.Errorf("document: %+v", doc)
	}
	keys := []string{"rule", "name", "severity", "path", "line", "column", "end_line", "end_column", "revision", "message", "help", "fingerprint"}
	for _, d := range doc.Diagnostics {
		for _, k := range keys {
			if _, ok := d[k]; !ok {
				t.Errorf("diagnostic lacks %q: %v", k, d)
			}
		}
		if p := d["path"].(string); strings.HasPrefix(p, "/") {
			t.Errorf("path %q is not relative to the current directory", p)
		}
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		writeFiles(t, dir, map[string]string{name: content})
		return filepath.Join(dir, name)
	}
	clean := write("clean/versions/a1.py", "\"\"\"base\"\"\"\nrevision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n")
	noLoc := write("noloc/alembic.ini", "[alembic]\nsqlalchemy.url = sqlite://\n")
	write("empty/versions/README", "")
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{filepath.Dir(clean)}, 0, ""},
		{[]string{filepath.Join(dir, "nope")}, 2, "does not exist"},
		{[]string{noLoc}, 2, "no script_location in [alembic]"},
		{[]string{filepath.Join(dir, "empty", "versions")}, 2, "no revision files"},
		{[]string{"testdata/example", "--fail-level", "none"}, 0, ""},
		{[]string{"testdata/example", "--ignore", "ML101", "--ignore", "ML401"}, 0, ""},
		{[]string{"testdata/example", "--select", "ML9"}, 2, `"ML9" names no rule`},
		{[]string{"testdata/example", "--format", "yaml"}, 2, "unknown --format"},
		{[]string{"testdata/example", "--dialect", "oracle"}, 2, "unknown dialect"},
		{[]string{"explain", "ML999"}, 2, "no rule"},
		{[]string{"a", "b"}, 2, "expected one PATH"},
	} {
		_, stderr, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
}

func TestSettingsFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"alembic.ini":                   "[alembic]\nscript_location = migrations\nsqlalchemy.url = driver://user:pass@localhost/dbname\n",
		"pyproject.toml":                "[tool.migrate-lint]\ndialect = \"mysql\"\nfail-level = \"warning\"\nignore = [\"ML104\"]\n[tool.migrate-lint.severity]\nML110 = \"error\"\n",
		"migrations/versions/a.py":      "revision = 'a'\ndown_revision = None\n",
		"migrations/versions/b.py":      "revision = 'a'\ndown_revision = None\n",
		"migrations/versions/helper.py": "def f():\n    pass\n",
	}
	writeFiles(t, dir, files)
	stdout, stderr, code := runCLI(t, filepath.Join(dir, "alembic.ini"), "--format", "json")
	if code != 1 || strings.Contains(stdout, "ML104") || !strings.Contains(stdout, `"dialect": "mysql"`) || strings.Contains(stderr, "notice") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, `"rule": "ML110"`) || !strings.Contains(stdout, `"severity": "error"`) {
		t.Errorf("severity override not applied:\n%s", stdout)
	}
	os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.migrate-lint]\nfail_level = \"warning\"\n"), 0o644)
	_, stderr, code = runCLI(t, filepath.Join(dir, "alembic.ini"))
	if code != 2 || !strings.Contains(stderr, "unknown setting fail_level") {
		t.Errorf("misspelt key: exit %d %s", code, stderr)
	}
	// Unknown dialect in the URL: PostgreSQL with a notice.
	os.Remove(filepath.Join(dir, "pyproject.toml"))
	_, stderr, _ = runCLI(t, filepath.Join(dir, "alembic.ini"))
	if !strings.Contains(stderr, "PostgreSQL rules apply") {
		t.Errorf("no dialect notice: %s", stderr)
	}
}

func TestBaselineAndExclude(t *testing.T) {
	dir := t.TempDir()
	rev := func(id, down string) string {
		return "revision = '" + id + "'\ndown_revision = " + down + "\nx = f()  # computed, but literal metadata\n"
	}
	files := map[string]string{
		"versions/a.py":      rev("a", "None"),
		"versions/b.py":      "revision = make()\ndown_revision = 'a'\n",
		"versions/c.py":      "revision = 'c'\ndown_revision = str('b')\n",
		".migrate-lint.toml": "baseline = \"a\"\nexclude = [\"versions/c.py\"]\nselect = [\"ML004\"]\n",
	}
	writeFiles(t, dir, files)
	stdout, stderr, code := runCLI(t, filepath.Join(dir, "versions"), "--config", filepath.Join(dir, ".migrate-lint.toml"), "--format", "json")
	if code != 0 || strings.Count(stdout, `"rule": "ML004"`) != 1 || !strings.Contains(stdout, "b.py") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

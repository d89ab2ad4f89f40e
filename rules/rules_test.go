package rules_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/rules"
)

func TestRegistry(t *testing.T) {
	reg, err := lint.NewRegistry(rules.All()...)
	if err != nil {
		t.Fatal(err)
	}
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, r := range reg.All() {
		if !kebab.MatchString(r.Name) || r.Title == "" || r.Severity == lint.SeverityNone {
			t.Errorf("%s: name %q title %q severity %v", r.ID, r.Name, r.Title, r.Severity)
		}
		if r.Doc.Problem == "" || r.Doc.Solution == "" || r.Doc.Example == "" {
			t.Errorf("%s: documentation needs Problem, Solution and Example", r.ID)
		}
		if _, err := lint.ParseVersion(r.Since); err != nil || r.Since == "" {
			t.Errorf("%s: Since %q is not a release", r.ID, r.Since)
		}
		// Titles start lower case, unless with an SQL keyword (NOT NULL).
		first, _, _ := strings.Cut(r.Title, " ")
		if r.Title[:1] != strings.ToLower(r.Title[:1]) && first != strings.ToUpper(first) || strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title %q should start lower case and have no trailing period", r.ID, r.Title)
		}
	}
}

// want is one expected finding: `# want ML401 "regexp"` on the line,
// `# want:next ...` for the line below, or `# want@12 ...` for line 12 (for
// lines where a comment would change what is being tested, such as the
// docstring).
type want struct {
	path, rule string
	line       int
	pattern    *regexp.Regexp
	matched    bool
}

var (
	wantComment = regexp.MustCompile(`# want(:next|@\d+)?((?:\s+ML\d{3}\s+"(?:[^"\\]|\\.)*")+)`)
	wantPair    = regexp.MustCompile(`(ML\d{3})\s+"((?:[^"\\]|\\.)*)"`)
)

// TestFixtures runs each rule over its fixtures in testdata/<rule-name>:
// a .py file is a one-revision project, a .txtar archive a whole one. A
// finding without a `# want` on its line fails, and so does a `# want`
// without its finding. Each rule needs a fixture that must be reported and
// a near miss that must not.
func TestFixtures(t *testing.T) {
	reg := rules.Registry()
	for _, rule := range reg.All() {
		if strings.HasPrefix(rule.ID, "ML6") {
			continue // measured on a real database: see sandbox/sandbox_test.go
		}
		t.Run(rule.ID+"_"+rule.Name, func(t *testing.T) {
			t.Parallel()
			fixtures, _ := filepath.Glob(filepath.Join("testdata", rule.Name, "*"))
			if len(fixtures) == 0 {
				t.Fatalf("no fixtures in testdata/%s", rule.Name)
			}
			reported, nearMiss := false, false
			for _, fixture := range fixtures {
				n := runFixture(t, reg, rule, fixture)
				reported = reported || n > 0
				nearMiss = nearMiss || n == 0
			}
			if !reported || !nearMiss {
				t.Errorf("testdata/%s needs a fixture with a finding (%v) and a near miss without one (%v)", rule.Name, reported, nearMiss)
			}
		})
	}
}

// runFixture checks one fixture and returns how many findings it wants.
// The fixture becomes a real project on disk, read by the same loader as
// the command line: `# fixture:` settings become a .migrate-lint.toml,
// and a txtar archive's base/ tree becomes the base branch of a git
// repository whose working tree holds the change.
func runFixture(t *testing.T, reg *lint.Registry, rule *lint.Rule, fixture string) int {
	t.Helper()
	dir := t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	var root, settings string
	base := false
	var files []txtar.File
	if strings.HasSuffix(fixture, ".txtar") {
		ar, err := txtar.ParseFile(fixture)
		if err != nil {
			t.Fatal(err)
		}
		settings = string(ar.Comment)
		files = ar.Files
		root = filepath.Join(dir, "versions")
		for _, f := range ar.Files {
			base = base || strings.HasPrefix(f.Name, "base/")
			if f.Name == "alembic.ini" || f.Name == "pyproject.toml" {
				root = dir
			}
		}
	} else {
		data, err := os.ReadFile(fixture)
		must(t, err)
		if m := fixtureLine.FindSubmatch(data); m != nil {
			settings = string(m[1])
		}
		files = []txtar.File{{Name: "versions/" + filepath.Base(fixture), Data: data}}
		root = filepath.Join(dir, "versions")
	}
	writeSettings(t, dir, settings)
	if base {
		writeBaseBranch(t, dir, files)
	}
	var wants []*want
	for _, f := range files {
		if strings.HasPrefix(f.Name, "base/") {
			continue
		}
		path := filepath.Join(dir, f.Name)
		must(t, os.MkdirAll(filepath.Dir(path), 0o755))
		must(t, os.WriteFile(path, f.Data, 0o644))
		wants = append(wants, parseWants(t, path, f.Data)...)
	}
	wants = append(wants, archiveWants(t, dir, settings)...)
	if m := fixturePath.FindStringSubmatch(settings); m != nil {
		root = filepath.Join(dir, m[1]) // `path=backend/alembic.ini`: the project is checked from the top
	}
	req := load.Request{Dir: dir, Path: root, Registry: reg}
	if base {
		req.Base = "HEAD"
	}
	if rule.Run != nil {
		req.Flags.Select = []string{rule.ID}
	}
	loaded, err := load.Load(context.Background(), req)
	if err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	count := 0
	for _, w := range wants {
		if w.rule == rule.ID {
			count++
		}
	}
	for _, d := range lint.Run(loaded.Project, reg, &loaded.Config) {
		if d.Rule != rule.ID {
			continue
		}
		found := false
		for _, w := range wants {
			if !w.matched && w.rule == d.Rule && w.path == d.File && w.line == d.Span.Line && w.pattern.MatchString(d.Message) {
				w.matched, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s: unexpected %s at %s:%d: %s", fixture, d.Rule, filepath.Base(d.File), d.Span.Line, d.Message)
		}
	}
	for _, w := range wants {
		if w.rule == rule.ID && !w.matched {
			t.Errorf("%s: missing %s at %s:%d matching %q", fixture, w.rule, filepath.Base(w.path), w.line, w.pattern)
		}
	}
	return count
}

// writeSettings turns a fixture's `dialect=mysql target-version=5.7` into
// the project's settings file.
func writeSettings(t *testing.T, dir, settings string) {
	t.Helper()
	var b strings.Builder
	for _, field := range strings.Fields(settings) {
		key, value, ok := strings.Cut(field, "=")
		switch {
		case !ok:
		case key == "dialect" || key == "target-version":
			fmt.Fprintf(&b, "%s = %q\n", key, value)
		case key == "lock-timeout-in-env":
			fmt.Fprintf(&b, "%s = %s\n", key, value)
		}
	}
	if b.Len() > 0 {
		must(t, os.WriteFile(filepath.Join(dir, ".migrate-lint.toml"), []byte(b.String()), 0o644))
	}
}

// writeBaseBranch commits the archive's base/ tree (base/versions/x.py is
// versions/x.py as the base branch has it) in a new git repository and
// empties the working tree for the change to be written into.
func writeBaseBranch(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Name, "base/"); ok {
			path := filepath.Join(dir, name)
			must(t, os.MkdirAll(filepath.Dir(path), 0o755))
			must(t, os.WriteFile(path, f.Data, 0o644))
		}
	}
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	for _, f := range files {
		if name, ok := strings.CutPrefix(f.Name, "base/"); ok {
			must(t, os.Remove(filepath.Join(dir, name)))
		}
	}
}

// archiveWants reads wants for files that do not exist in the head (a
// deleted revision) from the archive comment:
// `want-file versions/b2.py:1 ML113 "regexp"`.
func archiveWants(t *testing.T, dir, comment string) []*want {
	var out []*want
	for _, m := range archiveWant.FindAllStringSubmatch(comment, -1) {
		line, _ := strconv.Atoi(m[2])
		re, err := regexp.Compile(strings.ReplaceAll(m[4], `\"`, `"`))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &want{path: filepath.Join(dir, m[1]), rule: m[3], line: line, pattern: re})
	}
	return out
}

var archiveWant = regexp.MustCompile(`want-file (\S+):(\d+) (ML\d{3}) "((?:[^"\\]|\\.)*)"`)

// fixtureLine sets a .py fixture's dialect and server version:
// `# fixture: dialect=mysql target-version=5.7`. A txtar archive says the
// same in its comment.
var fixtureLine = regexp.MustCompile(`(?m)^# fixture: (.*)$`)

// fixturePath is the PATH argument of a txtar fixture whose configuration
// is not at the top (`path=backend/alembic.ini` in the comment); the
// check runs from the top.
var fixturePath = regexp.MustCompile(`(?m)(?:^|\s)path=(\S+)`)

func parseWants(t *testing.T, path string, data []byte) []*want {
	var out []*want
	for i, line := range strings.Split(string(data), "\n") {
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		target := i + 1
		switch {
		case m[1] == ":next":
			target++
		case strings.HasPrefix(m[1], "@"):
			target, _ = strconv.Atoi(m[1][1:])
		}
		for _, pair := range wantPair.FindAllStringSubmatch(m[2], -1) {
			re, err := regexp.Compile(strings.ReplaceAll(pair[2], `\"`, `"`))
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
			out = append(out, &want{path: path, rule: pair[1], line: target, pattern: re})
		}
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

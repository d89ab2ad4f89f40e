package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/alembic"
	"github.com/migrate-lint/migrate-lint/lint/changeset"
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
func runFixture(t *testing.T, reg *lint.Registry, rule *lint.Rule, fixture string) int {
	t.Helper()
	dir := t.TempDir()
	var root string
	cfg := &lint.Config{Dialect: "postgresql", FailLevel: lint.SeverityError}
	if strings.HasSuffix(fixture, ".txtar") {
		ar, err := txtar.ParseFile(fixture)
		if err != nil {
			t.Fatal(err)
		}
		applyFixtureSettings(cfg, string(ar.Comment))
		for _, f := range ar.Files {
			path := filepath.Join(dir, f.Name)
			must(t, os.MkdirAll(filepath.Dir(path), 0o755))
			must(t, os.WriteFile(path, f.Data, 0o644))
		}
		root = filepath.Join(dir, "versions")
		for _, config := range []string{"alembic.ini", "pyproject.toml"} {
			if _, err := os.Stat(filepath.Join(dir, config)); err == nil {
				root = dir
			}
		}
	} else {
		data, err := os.ReadFile(fixture)
		must(t, err)
		if m := fixtureLine.FindSubmatch(data); m != nil {
			applyFixtureSettings(cfg, string(m[1]))
		}
		must(t, os.MkdirAll(filepath.Join(dir, "versions"), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, "versions", filepath.Base(fixture)), data, 0o644))
		root = filepath.Join(dir, "versions")
	}
	layout, err := alembic.Discover(root)
	if err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	files, _, err := alembic.ReadVersionFiles(layout)
	if err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	var wants []*want
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(path)
			wants = append(wants, parseWants(t, alembic.File{Path: path, Data: data})...)
		}
		return nil
	})
	project := lint.NewProject(alembic.ParseFiles(files, nil))
	project.Config, project.Sources = alembic.ReadProjectConfig(layout)
	project.Dialect = cfg.Dialect
	if strings.HasSuffix(fixture, ".txtar") {
		ar, _ := txtar.ParseFile(fixture)
		wants = append(wants, archiveWants(t, dir, string(ar.Comment))...)
		setBase(t, project, dir)
	}
	if rule.Run != nil {
		cfg.Select = []string{rule.ID}
	}
	count := 0
	for _, w := range wants {
		if w.rule == rule.ID {
			count++
		}
	}
	for _, d := range lint.Run(project, reg, cfg) {
		if d.Rule != rule.ID {
			continue
		}
		abs, _ := filepath.Abs(d.Path)
		found := false
		for _, w := range wants {
			if !w.matched && w.rule == d.Rule && w.path == abs && w.line == d.Span.Line && w.pattern.MatchString(d.Message) {
				w.matched, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s: unexpected %s at %s:%d: %s", fixture, d.Rule, filepath.Base(d.Path), d.Span.Line, d.Message)
		}
	}
	for _, w := range wants {
		if w.rule == rule.ID && !w.matched {
			t.Errorf("%s: missing %s at %s:%d matching %q", fixture, w.rule, filepath.Base(w.path), w.line, w.pattern)
		}
	}
	return count
}

// setBase puts the project in change-set mode when the archive has a
// base/ tree: base/versions/x.py is x.py as the base branch has it; files
// only in base/ were deleted, files only outside it were added.
func setBase(t *testing.T, project *lint.Project, dir string) {
	t.Helper()
	baseDir := filepath.Join(dir, "base")
	if _, err := os.Stat(baseDir); err != nil {
		return
	}
	cs := &changeset.ChangeSet{BaseFiles: map[string][]byte{}}
	_ = filepath.WalkDir(baseDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(baseDir, path)
			data, _ := os.ReadFile(path)
			head := filepath.Join(dir, rel)
			cs.BaseFiles[head] = data
			switch now, err := os.ReadFile(head); {
			case err != nil:
				cs.Deleted = append(cs.Deleted, head)
			case string(now) != string(data):
				cs.Modified = append(cs.Modified, head)
			}
		}
		return nil
	})
	targets := map[string]bool{}
	for _, r := range project.Revisions {
		abs, _ := filepath.Abs(r.Path)
		if _, inBase := cs.BaseFiles[abs]; !inBase {
			cs.Added = append(cs.Added, abs)
		}
	}
	for p := range cs.Targets() {
		targets[p] = true
	}
	var revs []*lint.Revision
	for _, r := range project.Revisions {
		abs, _ := filepath.Abs(r.Path)
		if real, err := filepath.EvalSymlinks(abs); err == nil && targets[real] {
			revs = append(revs, r)
		}
	}
	project.SetTargets(revs)
	project.Base = cs.BaseBranch(alembic.DisplayPath)
}

// archiveWants reads wants for files that do not exist in the head (a
// deleted revision) from the archive comment:
// `want-file versions/b2.py:1 ML113 "regexp"`.
func archiveWants(t *testing.T, dir, comment string) []*want {
	var out []*want
	for _, m := range archiveWant.FindAllStringSubmatch(comment, -1) {
		line, _ := strconv.Atoi(m[2])
		abs, _ := filepath.Abs(filepath.Join(dir, m[1]))
		re, err := regexp.Compile(strings.ReplaceAll(m[4], `\"`, `"`))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &want{path: abs, rule: m[3], line: line, pattern: re})
	}
	return out
}

var archiveWant = regexp.MustCompile(`want-file (\S+):(\d+) (ML\d{3}) "((?:[^"\\]|\\.)*)"`)

// fixtureLine sets a .py fixture's dialect and server version:
// `# fixture: dialect=mysql target-version=5.7`. A txtar archive says the
// same in its comment.
var fixtureLine = regexp.MustCompile(`(?m)^# fixture: (.*)$`)

func applyFixtureSettings(cfg *lint.Config, settings string) {
	for _, field := range strings.Fields(settings) {
		key, value, _ := strings.Cut(field, "=")
		switch key {
		case "dialect":
			cfg.Dialect = value
		case "target-version":
			cfg.TargetVersion = value
		case "lock-timeout-in-env":
			cfg.LockTimeoutInEnv = value == "true"
		}
	}
}

func parseWants(t *testing.T, f alembic.File) []*want {
	abs, _ := filepath.Abs(f.Path)
	var out []*want
	for i, line := range strings.Split(string(f.Data), "\n") {
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
				t.Fatalf("%s:%d: %v", f.Path, i+1, err)
			}
			out = append(out, &want{path: abs, rule: pair[1], line: target, pattern: re})
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

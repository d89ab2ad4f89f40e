package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outsideRevision writes, in a directory outside any repository, a
// revision file whose column name is a marker no other output has: if
// the file is read, the marker is in the ML401 finding. It returns the
// directory, the file and the marker.
func outsideRevision(t *testing.T) (dir, file, marker string) {
	t.Helper()
	var random [8]byte
	_, _ = rand.Read(random[:])
	marker = "outside_" + hex.EncodeToString(random[:])
	dir = t.TempDir()
	file = filepath.Join(dir, "9a8b7c6d5e4f_outside.py")
	content := strings.NewReplacer("6f708192a3b4", "9a8b7c6d5e4f", `"nickname"`, `"`+marker+`"`).Replace(featureRevision)
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file, marker
}

// published is everything a GitHub mode run printed, wrote or sent, by
// where it went.
func (a *action) published() map[string]string {
	out := map[string]string{"stdout": a.stdout, "stderr": a.stderr}
	for _, name := range []string{a.summary, a.output, filepath.Join(a.dir, "migrate-lint-report.json")} {
		data, _ := os.ReadFile(name)
		out[filepath.Base(name)] = string(data)
	}
	for i, body := range a.fake.Bodies {
		out[fmt.Sprintf("API request body %d", i)] = body
	}
	return out
}

// allowRootsNotice is the stderr line of allow-roots that a pull request
// set and the run ignored.
const allowRootsNotice = "migrate-lint: warning: .migrate-lint.toml: allow-roots changed by this pull request: ignored; set them on the base branch or in the action's allow-roots input"

// testAllowRootsFromPullRequest: a pull request that adds allow-roots to
// the settings file and a symbolic link to a file outside the repository
// gets no byte of that file into any output, and is told why, on stderr,
// as a warning annotation on the settings file and in the job summary.
// Changing allow-roots the base branch already has counts as adding them.
func testAllowRootsFromPullRequest(t *testing.T, bin string) {
	for _, c := range []struct {
		name, base string
	}{
		{"added", ""},
		{"changed", "allow-roots = [\"/nonexistent-elsewhere\"]\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			outside, target, marker := outsideRevision(t)
			a := newAction(t, bin, nil)
			if c.base != "" {
				gitIn(t, a.repo, "checkout", "-q", "main")
				writeFiles(t, a.repo, map[string]string{".migrate-lint.toml": c.base})
				gitIn(t, a.repo, "add", "-A")
				gitIn(t, a.repo, "commit", "-qm", "settings")
				gitIn(t, a.repo, "checkout", "-q", "feature")
				gitIn(t, a.repo, "reset", "-q", "--hard", "main")
			}
			writeFiles(t, a.repo, map[string]string{".migrate-lint.toml": fmt.Sprintf("allow-roots = [%q]\n", outside)})
			if err := os.Symlink(target, filepath.Join(a.repo, "migrations", "versions", "x.py")); err != nil {
				t.Fatal(err)
			}
			gitIn(t, a.repo, "add", "-A")
			gitIn(t, a.repo, "commit", "-qm", "allow-roots and a link out")
			a = rebase(t, a)
			a.run("PATH=alembic.ini", "SARIF-FILE="+filepath.Join(a.dir, "x.sarif"))
			if a.code == 2 {
				t.Fatalf("exit 2\n%s\n%s", a.stdout, a.stderr)
			}
			checkRunnerOutput(t, a.stdout, a.stderr)
			everything := a.published()
			sarif, _ := os.ReadFile(filepath.Join(a.dir, "x.sarif"))
			everything["x.sarif"] = string(sarif)
			for where, text := range everything {
				if strings.Contains(text, marker) {
					t.Errorf("the outside file's content appears in %s:\n%s", where, text)
				}
			}
			if n := strings.Count(a.stderr, allowRootsNotice); n != 1 {
				t.Errorf("%d notices of the ignored allow-roots on stderr:\n%s", n, a.stderr)
			}
			if !strings.Contains(a.stdout, "::warning file=.migrate-lint.toml::migrate-lint: allow-roots changed by this pull request: ignored;") {
				t.Errorf("no warning annotation on the settings file:\n%s", a.stdout)
			}
			if s := everything["summary.md"]; !strings.Contains(s, "> **Warning:** <code>.migrate-lint.toml</code>: allow-roots changed by this pull request: ignored;") {
				t.Errorf("the job summary does not say allow-roots were ignored:\n%s", s)
			}
			// The link is named as not read, like any link out.
			if !strings.Contains(a.stderr, "not read, outside") || !strings.Contains(a.stderr, "x.py") {
				t.Errorf("the link out is not named:\n%s", a.stderr)
			}
		})
	}
}

// testAllowRootsFromBase: allow-roots the base branch already has, and
// the pull request leaves as they are, are honoured: the file they allow
// is read. So are the workflow's own, from the allow-roots input, which no
// settings file needs to list.
func testAllowRootsFromBase(t *testing.T, bin string) {
	for _, c := range []struct {
		name          string
		onBase, input bool
	}{
		{name: "base", onBase: true},
		{name: "input", input: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			outside, target, marker := outsideRevision(t)
			a := newAction(t, bin, nil)
			if c.onBase {
				gitIn(t, a.repo, "checkout", "-q", "main")
				writeFiles(t, a.repo, map[string]string{".migrate-lint.toml": fmt.Sprintf("allow-roots = [%q]\n", outside)})
				gitIn(t, a.repo, "add", "-A")
				gitIn(t, a.repo, "commit", "-qm", "settings")
				gitIn(t, a.repo, "checkout", "-q", "feature")
				gitIn(t, a.repo, "reset", "-q", "--hard", "main")
			}
			if err := os.Symlink(target, filepath.Join(a.repo, "migrations", "versions", "x.py")); err != nil {
				t.Fatal(err)
			}
			gitIn(t, a.repo, "add", "-A")
			gitIn(t, a.repo, "commit", "-qm", "a link to the shared location")
			a = rebase(t, a)
			inputs := []string{"PATH=alembic.ini"}
			if c.input {
				// Relative to the workspace, as the input's description says.
				rel, err := filepath.Rel(a.repo, outside)
				if err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, "ALLOW-ROOTS=/nonexistent-first,\n"+rel+"\n")
			}
			a.run(inputs...)
			if a.code != 1 {
				t.Fatalf("exit %d\n%s\n%s", a.code, a.stdout, a.stderr)
			}
			checkRunnerOutput(t, a.stdout, a.stderr)
			if !strings.Contains(a.stdout, marker) {
				t.Errorf("the allowed file was not linted:\n%s\n%s", a.stdout, a.stderr)
			}
			if strings.Contains(a.stderr, "allow-roots changed") || strings.Contains(a.stderr, "allow-roots ignored") || strings.Contains(a.stderr, "not read, outside") {
				t.Errorf("allow-roots refused:\n%s", a.stderr)
			}
			want := "allow-roots in "
			if c.input {
				want = "allow-roots input: also reading inside /nonexistent-first, " + outside
			}
			if !strings.Contains(a.stderr, want) {
				t.Errorf("no notice %q:\n%s", want, a.stderr)
			}
		})
	}
}

package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/migrate-lint/migrate-lint/internal/actiondoc"
)

func loadAction(t *testing.T) *actiondoc.Action {
	t.Helper()
	a, err := actiondoc.Load(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestActionDefinition(t *testing.T) {
	a := loadAction(t)
	var inputs, outputs []string
	for _, f := range a.InputFields() {
		inputs = append(inputs, f.Name)
		if f.Description == "" {
			t.Errorf("input %s has no description", f.Name)
		}
	}
	for _, f := range a.OutputFields() {
		outputs = append(outputs, f.Name)
		if !strings.Contains(f.Value, "steps.lint.outputs."+f.Name) {
			t.Errorf("output %s = %q", f.Name, f.Value)
		}
	}
	wantInputs := []string{"path", "working-directory", "base", "fail-level", "comment-mode", "check-run", "sandbox", "database-url", "python", "sarif-file", "allow-roots", "github-token", "version"}
	if !slices.Equal(inputs, wantInputs) {
		t.Errorf("inputs %v, want %v", inputs, wantInputs)
	}
	if !slices.Equal(outputs, []string{"findings", "errors", "warnings", "report-json", "sarif-file"}) {
		t.Errorf("outputs %v", outputs)
	}
	if a.Runs.Using != "composite" || a.Branding["icon"] == "" || a.Branding["color"] == "" {
		t.Errorf("runs %q branding %v", a.Runs.Using, a.Branding)
	}
	// Inputs reach scripts through env only: an expression inside a
	// script would let a crafted input inject shell.
	expr := regexp.MustCompile(`\$\{\{`)
	passed := map[string]bool{}
	for _, step := range a.Runs.Steps {
		if expr.MatchString(step.Run) {
			t.Errorf("step %q interpolates an expression into its script", step.Name)
		}
		for key, value := range step.Env {
			if m := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`).FindStringSubmatch(value); m != nil {
				passed[m[1]] = true
				// The binary reads INPUT_<NAME> with - as _ (github.go).
				if step.ID == "lint" && key != "INPUT_"+strings.ToUpper(strings.ReplaceAll(m[1], "-", "_")) {
					t.Errorf("input %s arrives as %s, which the binary does not read", m[1], key)
				}
			}
		}
	}
	for _, name := range wantInputs {
		if !passed[name] {
			t.Errorf("input %s reaches no step", name)
		}
	}
}

// actionRun runs the composite's steps with bash as the runner would, each
// with a fresh GITHUB_OUTPUT file whose key=value lines it returns.
type actionRun struct {
	t      *testing.T
	action *actiondoc.Action
	env    map[string]string
}

type stepResult struct {
	out     string
	code    int
	outputs map[string]string
	raw     string // the GITHUB_OUTPUT file
}

func (r *actionRun) step(id string, env map[string]string) stepResult {
	r.t.Helper()
	var step *actiondoc.Step
	for i := range r.action.Runs.Steps {
		if r.action.Runs.Steps[i].ID == id {
			step = &r.action.Runs.Steps[i]
		}
	}
	if step == nil {
		r.t.Fatalf("action.yml has no step %q", id)
	}
	outputFile := filepath.Join(r.t.TempDir(), "output")
	if err := os.WriteFile(outputFile, nil, 0o644); err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.Command("bash", "-c", step.Run)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true", "GITHUB_OUTPUT="+outputFile)
	for _, m := range []map[string]string{r.env, env} {
		for k, v := range m {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	out, err := cmd.CombinedOutput()
	res := stepResult{out: string(out), outputs: map[string]string{}}
	if exit, ok := err.(*exec.ExitError); ok {
		res.code = exit.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	data, _ := os.ReadFile(outputFile)
	res.raw = string(data)
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			res.outputs[k] = v
		}
	}
	return res
}

// fakeReleases serves BASE/TAG/ASSET from a directory, as GitHub's release
// downloads do, and counts the requests.
func fakeReleases(t *testing.T) (dir, url string, requests *atomic.Int32) {
	dir = t.TempDir()
	requests = new(atomic.Int32)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return dir, srv.URL, requests
}

// publish writes TAG/migrate-lint_<os>_<arch>.tar.gz holding binary and a
// SHA256SUMS with its checksum, or with a wrong one when corrupt.
func publish(t *testing.T, dir, tag, binary string, corrupt bool) {
	t.Helper()
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: "migrate-lint", Mode: 0o755, Size: int64(len(data))}); err != nil {
		t.Fatal(err)
	}
	tw.Write(data)
	tw.Close()
	zw.Close()
	asset := "migrate-lint_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	sum := sha256.Sum256(buf.Bytes())
	if corrupt {
		sum[0] ^= 0xff
	}
	os.MkdirAll(filepath.Join(dir, tag), 0o755)
	os.WriteFile(filepath.Join(dir, tag, asset), buf.Bytes(), 0o644)
	sums := hex.EncodeToString(sum[:]) + "  " + asset + "\n" + strings.Repeat("0", 64) + "  migrate-lint_plan9_mips.tar.gz\n"
	os.WriteFile(filepath.Join(dir, tag, "SHA256SUMS"), []byte(sums), 0o644)
}

// TestActionScripts runs the composite's own scripts with bash against a
// local server standing in for the GitHub releases: no release (the source
// build, announced), a good release (downloaded, verified, cached, then
// linted with), a wrong checksum (fails closed), refs that are no release.
func TestActionScripts(t *testing.T) {
	a := loadAction(t)
	for _, s := range a.Runs.Steps {
		if (s.ID == "build" || strings.Contains(s.Uses, "setup-go")) && s.If != "steps.install.outputs.source != ''" {
			t.Errorf("step %q runs when a release was installed: if %q", s.Name, s.If)
		}
	}
	releases, url, requests := fakeReleases(t)
	tmp := t.TempDir()
	toolCache := filepath.Join(tmp, "toolcache")
	run := &actionRun{t: t, action: a, env: map[string]string{
		"ACTION_PATH": repoRoot, "RUNNER_TEMP": tmp, "RUNNER_TOOL_CACHE": toolCache,
		"MIGRATE_LINT_RELEASE_URL": url, "ACTION_REF": "v0.1.0", "MIGRATE_LINT_VERSION": "",
	}}
	own := "v" + pyprojectVersion(t)

	// The action's own ref is a release tag that has no release yet.
	res := run.step("install", map[string]string{"ACTION_REF": own})
	if res.code != 0 || res.outputs["source"] != "checkout" || res.outputs["bin"] != "" ||
		!strings.Contains(res.out, "::notice title=migrate-lint::building from source: no release binary of "+own) {
		t.Fatalf("install without a release: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}
	res = run.step("build", map[string]string{"SOURCE": "checkout"})
	built := res.outputs["bin"]
	if res.code != 0 || built == "" {
		t.Fatalf("build step: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}

	// A release: downloaded, verified and put in the tool cache.
	publish(t, releases, own, built, false)
	res = run.step("install", map[string]string{"ACTION_REF": own})
	bin := res.outputs["bin"]
	if res.code != 0 || res.outputs["source"] != "" || !strings.HasPrefix(bin, toolCache+"/migrate-lint/"+own+"/") ||
		!strings.Contains(res.out, "downloaded and verified") {
		t.Fatalf("install from the release: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}
	// A moving major tag on the release (v0) means the same release; the
	// second install comes from the tool cache without a request.
	before := requests.Load()
	major, _, _ := strings.Cut(own, ".")
	res = run.step("install", map[string]string{"ACTION_REF": major})
	if res.code != 0 || res.outputs["bin"] != bin || requests.Load() != before || !strings.Contains(res.out, "from the cache") {
		t.Errorf("install again: exit %d, outputs %v, %d requests\n%s", res.code, res.outputs, requests.Load()-before, res.out)
	}

	// The lint step runs what was installed, with the inputs' defaults.
	env := map[string]string{}
	for _, f := range a.InputFields() {
		env["INPUT_"+strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))] = strings.ReplaceAll(f.Default, "${{ github.token }}", "")
	}
	env["INPUT_PATH"] = "testdata/example/alembic.ini"
	env["MIGRATE_LINT_BIN"] = bin
	summary := filepath.Join(tmp, "summary")
	os.WriteFile(summary, nil, 0o644)
	env["GITHUB_STEP_SUMMARY"] = summary
	res = run.step("lint", env)
	if res.code != 1 || !strings.Contains(res.out, "::error file=testdata/example/") || !strings.Contains(res.raw, "findings") {
		t.Errorf("lint step: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}

	// A checksum mismatch fails the step: no binary, no source build.
	publish(t, releases, "v9.0.0", built, true)
	res = run.step("install", map[string]string{"MIGRATE_LINT_VERSION": "v9.0.0"})
	if res.code == 0 || len(res.outputs) != 0 || !strings.Contains(res.out, "checksum mismatch") {
		t.Errorf("install with a wrong checksum: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}
	if _, err := os.Stat(filepath.Join(toolCache, "migrate-lint", "v9.0.0", runtime.GOARCH)); !os.IsNotExist(err) {
		t.Errorf("a binary with a wrong checksum is in the tool cache (%v)", err)
	}

	// No release for the version input (given without its v): go install
	// of that version.
	res = run.step("install", map[string]string{"MIGRATE_LINT_VERSION": "9.1.0"})
	if res.code != 0 || res.outputs["source"] != "v9.1.0" || !strings.Contains(res.out, "building from source: no release binary of v9.1.0") {
		t.Errorf("install of a missing version: exit %d, outputs %v\n%s", res.code, res.outputs, res.out)
	}
	// A branch or a commit is no release: the checkout is built, and the
	// notice says how to get the prebuilt binary.
	for _, ref := range []string{"main", "0123456789abcdef0123456789abcdef01234567", "v9"} {
		res = run.step("install", map[string]string{"ACTION_REF": ref})
		if res.code != 0 || res.outputs["source"] != "checkout" || !strings.Contains(res.out, "is not a release tag") {
			t.Errorf("install at %s: exit %d, outputs %v\n%s", ref, res.code, res.outputs, res.out)
		}
	}
}

// pyprojectVersion is the version pyproject.toml gives the Python package;
// the Action's own ref is matched against it.
func pyprojectVersion(t *testing.T) string {
	data, err := os.ReadFile(filepath.Join(repoRoot, "pyproject.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^version = "([^"]+)"$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("pyproject.toml has no version")
	}
	return string(m[1])
}

// TestVersionsAgree: the binary's default version, the Python package's and
// the Docker hook's image tag are one release.
func TestVersionsAgree(t *testing.T) {
	want := pyprojectVersion(t)
	if version != want {
		t.Errorf("main.version %q, pyproject.toml %q", version, want)
	}
	hooks, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(hooks), "ghcr.io/migrate-lint/migrate-lint:"+want+" ") {
		t.Errorf(".pre-commit-hooks.yaml does not run the image ghcr.io/migrate-lint/migrate-lint:%s", want)
	}
}

func TestReadmeActionTables(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := actiondoc.Replace(string(readme), loadAction(t).Tables())
	if err != nil {
		t.Fatal(err)
	}
	if want != string(readme) {
		t.Error("the README's Action inputs and outputs are stale: run go generate ./rules")
	}
}

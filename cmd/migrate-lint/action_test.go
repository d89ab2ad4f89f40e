package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
	wantInputs := []string{"path", "working-directory", "base", "fail-level", "comment-mode", "check-run", "sandbox", "database-url", "python", "sarif-file", "github-token", "version"}
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

// TestActionScripts runs the composite's own scripts with bash, as the
// runner would after actions/setup-go: the build step, then the lint step
// on the example project with the inputs' defaults.
func TestActionScripts(t *testing.T) {
	a := loadAction(t)
	tmp := t.TempDir()
	var build, lintStep actiondoc.Step
	for _, s := range a.Runs.Steps {
		switch {
		case s.ID == "lint":
			lintStep = s
		case s.Run != "":
			build = s
		}
	}
	runStep := func(step actiondoc.Step, dir string, env map[string]string) (string, int) {
		cmd := exec.Command("bash", "-c", step.Run)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+tmp, "GITHUB_ACTIONS=true")
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := runStep(build, tmp, map[string]string{"ACTION_PATH": repoRoot, "MIGRATE_LINT_VERSION": ""}); code != 0 {
		t.Fatalf("build step: exit %d\n%s", code, out)
	}
	env := map[string]string{}
	defaults := map[string]string{}
	for _, f := range a.InputFields() {
		defaults[f.Name] = strings.ReplaceAll(f.Default, "${{ github.token }}", "")
	}
	defaults["path"] = "testdata/example/alembic.ini"
	for key, value := range lintStep.Env {
		name := strings.TrimSuffix(strings.TrimPrefix(value, "${{ inputs."), " }}")
		env[key] = defaults[name]
	}
	outputFile, summaryFile := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary")
	os.WriteFile(outputFile, nil, 0o644)
	os.WriteFile(summaryFile, nil, 0o644)
	env["GITHUB_OUTPUT"], env["GITHUB_STEP_SUMMARY"] = outputFile, summaryFile
	out, code := runStep(lintStep, repoRoot, env)
	if code != 1 || !strings.Contains(out, "::error file=testdata/example/") {
		t.Errorf("lint step: exit %d\n%s", code, out)
	}
	outputs, _ := os.ReadFile(outputFile)
	if !strings.Contains(string(outputs), "findings<<") && !strings.Contains(string(outputs), "findings=") {
		t.Errorf("outputs:\n%s", outputs)
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

// Package actiondoc reads action.yml and renders its inputs and outputs as
// the README's tables (scripts/gendocs writes them; a test fails when the
// README is stale).
package actiondoc

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Action is the part of action.yml the docs and the tests read.
type Action struct {
	Name     string            `yaml:"name"`
	Branding map[string]string `yaml:"branding"`
	Inputs   yaml.Node         `yaml:"inputs"`
	Outputs  yaml.Node         `yaml:"outputs"`
	Runs     struct {
		Using string `yaml:"using"`
		Steps []Step `yaml:"steps"`
	} `yaml:"runs"`
}

// Step is one composite step.
type Step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
	With map[string]string `yaml:"with"`
}

// Field is an input or an output, in file order.
type Field struct {
	Name, Description, Default, Value string
}

// Load reads action.yml.
func Load(path string) (*Action, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a Action
	if err := yaml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &a, nil
}

// fields keeps the mapping's order, which yaml maps would lose.
func fields(n yaml.Node) []Field {
	var out []Field
	for i := 0; i+1 < len(n.Content); i += 2 {
		var f struct {
			Description string `yaml:"description"`
			Default     string `yaml:"default"`
			Value       string `yaml:"value"`
		}
		_ = n.Content[i+1].Decode(&f)
		out = append(out, Field{Name: n.Content[i].Value, Description: f.Description, Default: f.Default, Value: f.Value})
	}
	return out
}

// InputFields and OutputFields list them in file order.
func (a *Action) InputFields() []Field  { return fields(a.Inputs) }
func (a *Action) OutputFields() []Field { return fields(a.Outputs) }

// Markers delimit the generated tables in the README.
const (
	Start = "<!-- action:start (generated from action.yml by go generate ./rules; do not edit) -->"
	End   = "<!-- action:end -->"
)

// Tables renders the inputs and outputs.
func (a *Action) Tables() string {
	var b strings.Builder
	b.WriteString("| Input | Default | Description |\n|---|---|---|\n")
	for _, f := range a.InputFields() {
		def := "`" + f.Default + "`"
		if f.Default == "" {
			def = "(empty)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Name, def, f.Description)
	}
	b.WriteString("\n| Output | Description |\n|---|---|\n")
	for _, f := range a.OutputFields() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", f.Name, f.Description)
	}
	return b.String()
}

// Replace puts the tables between the markers.
func Replace(readme, tables string) (string, error) {
	start, end := strings.Index(readme, Start), strings.Index(readme, End)
	if start < 0 || end < start {
		return "", fmt.Errorf("README lacks the markers %q and %q", Start, End)
	}
	return readme[:start+len(Start)] + "\n" + tables + readme[end:], nil
}

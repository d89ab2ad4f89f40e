// Command gendocs writes docs/rules/<name>.md and the README's rule table
// from the rule values, and the README's Action inputs and outputs from
// action.yml. Run it with `go generate ./rules` from the
// repository root.
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/migrate-lint/migrate-lint/internal/actiondoc"
	"github.com/migrate-lint/migrate-lint/rules"
	"github.com/migrate-lint/migrate-lint/rules/ruledoc"
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	dir := filepath.Join(root, "docs", "rules")
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range old {
		if err := os.Remove(p); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	all := rules.Registry().All()
	for _, r := range all {
		if err := os.WriteFile(filepath.Join(dir, r.Name+".md"), []byte(ruledoc.Page(r)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	readmePath := filepath.Join(root, "README.md")
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		log.Fatal(err)
	}
	updated, err := ruledoc.ReplaceTable(string(readme), ruledoc.Table(all))
	if err != nil {
		log.Fatal(err)
	}
	action, err := actiondoc.Load(filepath.Join(root, "action.yml"))
	if err != nil {
		log.Fatal(err)
	}
	if updated, err = actiondoc.Replace(updated, action.Tables()); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
		log.Fatal(err)
	}
}

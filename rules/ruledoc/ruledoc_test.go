package ruledoc_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/migrate-lint/migrate-lint/rules"
	"github.com/migrate-lint/migrate-lint/rules/ruledoc"
)

// TestDocsAreCurrent fails when docs/rules or the README table no longer
// match the rule values: run `go generate ./rules`.
func TestDocsAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	all := rules.Registry().All()
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	if len(pages) != len(all) {
		t.Errorf("docs/rules has %d pages for %d rules: run go generate ./rules", len(pages), len(all))
	}
	for _, r := range all {
		got, err := os.ReadFile(filepath.Join(root, "docs", "rules", r.Name+".md"))
		if err != nil || string(got) != ruledoc.Page(r) {
			t.Errorf("docs/rules/%s.md is stale: run go generate ./rules", r.Name)
		}
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := ruledoc.ReplaceTable(string(readme), ruledoc.Table(all))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(readme) {
		t.Error("the README rule table is stale: run go generate ./rules")
	}
}

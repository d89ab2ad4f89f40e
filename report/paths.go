package report

import (
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Paths turns a file's identity (its absolute path, lint.Revision.File)
// into the path a reader of the output expects. It is the one place that
// knows where the tool runs and where the repository is.
type Paths struct {
	// Cwd is the absolute directory the user runs migrate-lint in:
	// terminal, JSON and file formats show paths relative to it.
	Cwd string
	// Repository is the absolute repository root, for outputs GitHub
	// reads (annotations, SARIF, the pull request): they name files
	// relative to the repository. Empty outside a repository.
	Repository string
}

// Display is the path relative to the working directory, with forward
// slashes; a file elsewhere keeps its absolute path.
func (p Paths) Display(file string) string {
	if p.Cwd == "" || file == "" {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(p.Cwd, file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

// InRepository is the path relative to the repository root, as GitHub
// names a pull request's files; without a repository it is Display.
func (p Paths) InRepository(file string) string {
	if p.Repository == "" {
		return p.Display(file)
	}
	if rel := lint.RelativeTo(p.Repository, file); !strings.HasPrefix(rel, "/") && rel != file {
		return rel
	}
	return p.Display(file)
}

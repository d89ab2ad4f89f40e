package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// projectRoot is the directory the run reads inside. A pull request
// controls every file of the checkout, symbolic links and configured
// locations included, but not where the command runs nor the path it is
// given: the root is the repository holding that place (found by its
// .git entry, walking up real directories), or, outside a repository, the
// directory holding the project's configuration. dir is real.
func projectRoot(dir, path string) string {
	if path == "" {
		if repo := repositoryOf(dir); repo != "" {
			return repo
		}
		return dir
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, abs)
	}
	abs = filepath.Clean(abs)
	// A path under the working directory is in its repository, however
	// its links resolve (a link out is what must not be followed).
	if within(dir, abs) {
		if repo := repositoryOf(dir); repo != "" {
			return repo
		}
	}
	parent := realPath(filepath.Dir(abs))
	if repo := repositoryOf(parent); repo != "" {
		return repo
	}
	// No repository: an alembic.ini's or pyproject.toml's directory; a
	// directory holding one; the parent of a script or versions
	// directory, where the project's configuration would be.
	if info, err := os.Lstat(abs); err == nil && info.IsDir() {
		for _, name := range []string{"alembic.ini", "pyproject.toml", ".migrate-lint.toml"} {
			if _, err := os.Lstat(filepath.Join(abs, name)); err == nil {
				return realPath(abs)
			}
		}
	}
	return parent
}

// repositoryOf returns the git checkout holding a real directory, or "".
func repositoryOf(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

func within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// maxNamed bounds the paths one notice names.
const maxNamed = 20

// outsideNotice names, once, what was not read because it resolves
// outside the roots; nil when everything was inside.
func outsideNotice(r *files.Reader) *Notice {
	refused := r.Outside()
	if len(refused) == 0 {
		return nil
	}
	root := r.Roots()[0]
	var names []string
	for i, f := range refused {
		if i == maxNamed {
			names = append(names, fmt.Sprintf("and %d more", len(refused)-maxNamed))
			break
		}
		name := lint.RelativeTo(root, f.Path)
		if f.Real != f.Path {
			name += " -> " + f.Real
		}
		names = append(names, name)
	}
	return &Notice{Message: fmt.Sprintf("not read, outside %s (migrate-lint reads only inside the repository; list a directory in allow-roots in the settings to read it): %s",
		root, strings.Join(names, ", "))}
}

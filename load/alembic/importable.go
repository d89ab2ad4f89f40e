package alembic

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// unimportablePackages finds the project packages env.py imports that the
// `alembic` command cannot import. The console script puts its own
// directory on sys.path, not the working directory: a package of the
// repository is importable only through prepend_sys_path, a sys.path
// change in env.py, an installation (setup.py, pyproject's [project]), or
// PYTHONPATH. Any sign of the last three keeps this quiet.
func unimportablePackages(env *python.Module, sysPath []string, l *Layout) []lint.UnimportablePackage {
	for _, line := range env.Lines {
		line, _, _ = strings.Cut(line, "#")
		if strings.Contains(line, "sys.path") || strings.Contains(line, "addsitedir") || strings.Contains(line, "PYTHONPATH") {
			return nil
		}
	}
	importable := map[string]bool{}
	for _, p := range sysPath {
		p = strings.TrimSpace(strings.ReplaceAll(p, "%(here)s", l.Root))
		if p == "" {
			continue
		}
		if filepath.IsAbs(p) {
			importable[filepath.Clean(p)] = true
			continue
		}
		importable[filepath.Join(l.Root, p)] = true
		if l.WorkDir != "" {
			importable[filepath.Join(l.WorkDir, p)] = true
		}
	}
	dirs := pinDirs(l.Root)
	for _, d := range dirs {
		if installable(l.files, d) || mentionsPythonPath(l.files, d) {
			return nil
		}
	}
	var out []lint.UnimportablePackage
	reported := map[string]bool{}
	for _, imp := range env.Imports {
		if imp.Level > 0 || imp.Module == "" {
			continue
		}
		top, _, _ := strings.Cut(imp.Module, ".")
		if reported[top] || top == "alembic" || top == "sqlalchemy" {
			continue
		}
		for _, d := range dirs {
			found := ""
			for _, candidate := range []string{d, filepath.Join(d, "src")} {
				if exists(filepath.Join(candidate, top, "__init__.py")) || exists(filepath.Join(candidate, top+".py")) {
					found = candidate
					break
				}
			}
			if found == "" {
				continue
			}
			if !importable[found] && !installable(l.files, found) {
				reported[top] = true
				out = append(out, lint.UnimportablePackage{Package: top, Dir: found, Span: imp.Span})
			}
			break
		}
	}
	return out
}

// installable reports whether a directory holds a package definition that
// pip can install (then the environment usually has it installed).
func installable(r *files.Reader, dir string) bool {
	if exists(filepath.Join(dir, "setup.py")) || exists(filepath.Join(dir, "setup.cfg")) {
		return true
	}
	data, ok := readProjectFile(r, filepath.Join(dir, "pyproject.toml"))
	return ok && (bytes.Contains(data, []byte("[project]")) || bytes.Contains(data, []byte("[tool.poetry]")) || bytes.Contains(data, []byte("[build-system]")))
}

// pythonPathFiles are where a project sets PYTHONPATH for its commands.
var pythonPathFiles = []string{"Dockerfile", "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml",
	"Makefile", "tox.ini", "pytest.ini", ".env", ".envrc", "justfile", "noxfile.py", "pyproject.toml"}

func mentionsPythonPath(r *files.Reader, dir string) bool {
	for _, name := range pythonPathFiles {
		if data, ok := readProjectFile(r, filepath.Join(dir, name)); ok && (bytes.Contains(data, []byte("PYTHONPATH")) || bytes.Contains(data, []byte("pythonpath"))) {
			return true
		}
	}
	return false
}

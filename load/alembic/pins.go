package alembic

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// readProjectFile reads a small file of the project for the pin lookup,
// with the layout's reader: a regular file inside the repository.
func readProjectFile(r *files.Reader, path string) ([]byte, bool) {
	if !exists(path) {
		return nil, false
	}
	data, _, err := r.Read(path, MaxFileSize)
	return data, err == nil
}

// pinDirs are where requirement and lock files are looked for: the
// configuration's directory and its parents up to the repository's top
// (the directory holding .git), at most four levels up. Without a
// repository only the configuration's directory is read.
func pinDirs(root string) []string {
	dirs := []string{root}
	dir := root
	for range 4 {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dirs
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
		dirs = append(dirs, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return dirs
	}
	return dirs[:1]
}

// findAlembicPin returns what the nearest requirement or lock file says of
// the Alembic version: a lock file's exact version first, then
// requirements*.txt, then pyproject.toml's dependencies.
func findAlembicPin(l *Layout, sources map[string][]string) *lint.VersionPin {
	for _, dir := range pinDirs(l.Root) {
		var candidates []string
		for _, name := range []string{"poetry.lock", "uv.lock", "Pipfile.lock"} {
			candidates = append(candidates, filepath.Join(dir, name))
		}
		reqs, _ := filepath.Glob(filepath.Join(dir, "requirements*.txt"))
		more, _ := filepath.Glob(filepath.Join(dir, "requirements", "*.txt"))
		reqs = append(reqs, more...)
		sort.Strings(reqs)
		candidates = append(candidates, reqs...)
		candidates = append(candidates, filepath.Join(dir, "pyproject.toml"))
		for _, path := range candidates {
			data, ok := readProjectFile(l.files, path)
			if !ok {
				continue
			}
			if pin := pinIn(path, data); pin != nil {
				sources[path] = python.Lines(data)
				return pin
			}
		}
	}
	return nil
}

// pinIn reads the Alembic requirement of one file.
func pinIn(path string, data []byte) *lint.VersionPin {
	switch base := filepath.Base(path); {
	case base == "poetry.lock" || base == "uv.lock":
		return lockPin(path, data)
	case base == "Pipfile.lock":
		return pipfileLockPin(path, data)
	case base == "pyproject.toml":
		return pyprojectPin(path, data)
	default:
		return requirementsPin(path, data)
	}
}

var lockName = lazyregexp.New(`(?m)^name\s*=\s*"alembic"\s*$`)
var lockVersion = lazyregexp.New(`(?m)^version\s*=\s*"([0-9][0-9.]*)"`)

// lockPin reads `[[package]] name = "alembic" version = "1.13.1"`.
func lockPin(path string, data []byte) *lint.VersionPin {
	loc := lockName.FindIndex(data)
	if loc == nil {
		return nil
	}
	rest := data[loc[1]:]
	if next := strings.Index(string(rest), "[[package]]"); next >= 0 {
		rest = rest[:next]
	}
	m := lockVersion.FindSubmatchIndex(rest)
	if m == nil {
		return nil
	}
	version := string(rest[m[2]:m[3]])
	line := strings.Count(string(data[:loc[1]+m[0]]), "\n") + 1
	return exactPin(path, line, "alembic "+version, version)
}

// pipfileLockPin reads {"default": {"alembic": {"version": "==1.13.1"}}}.
func pipfileLockPin(path string, data []byte) *lint.VersionPin {
	var lock map[string]map[string]struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return nil
	}
	for _, group := range []string{"default", "develop"} {
		if pkg, ok := lock[group]["alembic"]; ok {
			version := strings.TrimPrefix(pkg.Version, "==")
			return exactPin(path, lineOf(data, `"alembic"`), "alembic "+pkg.Version, version)
		}
	}
	return nil
}

func exactPin(path string, line int, text, version string) *lint.VersionPin {
	v, err := lint.ParseVersion(version)
	if err != nil {
		return nil
	}
	return &lint.VersionPin{File: path, Span: lint.LineSpan(line), Text: text, Max: v}
}

var requirementLine = lazyregexp.New(`(?i)^\s*alembic(?:\[[^\]]*\])?\s*([<>=!~^][^;#]*)`)

// requirementsPin reads `alembic==1.13.1`, `alembic>=1.10,<1.14`.
func requirementsPin(path string, data []byte) *lint.VersionPin {
	for i, line := range strings.Split(string(data), "\n") {
		if m := requirementLine.FindStringSubmatch(line); m != nil {
			return specPin(path, i+1, strings.TrimSpace(line), m[1])
		}
	}
	return nil
}

// pyprojectPin reads [project] dependencies and optional dependencies,
// and [tool.poetry] dependencies.
func pyprojectPin(path string, data []byte) *lint.VersionPin {
	var doc struct {
		Project struct {
			Dependencies         []string            `toml:"dependencies"`
			OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		} `toml:"project"`
		Tool struct {
			Poetry struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"poetry"`
		} `toml:"tool"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil
	}
	deps := append([]string{}, doc.Project.Dependencies...)
	for _, group := range doc.Project.OptionalDependencies {
		deps = append(deps, group...)
	}
	for _, dep := range deps {
		if m := requirementLine.FindStringSubmatch(dep); m != nil {
			return specPin(path, lineOf(data, dep), dep, m[1])
		}
	}
	var spec string
	switch v := doc.Tool.Poetry.Dependencies["alembic"].(type) {
	case string:
		spec = v
	case map[string]any:
		spec, _ = v["version"].(string)
	}
	if spec == "" {
		return nil
	}
	if spec[0] >= '0' && spec[0] <= '9' {
		spec = "==" + spec // a bare version is exact in Poetry
	}
	return specPin(path, lineOf(data, "alembic"), "alembic = "+strconv.Quote(spec), spec)
}

// specPin turns a version specifier into its upper bound: ==X, <X, <=X,
// ~=X.Y (PEP 440), ^X.Y and ~X.Y (Poetry). Lower bounds say nothing about
// what is installed at most.
func specPin(path string, line int, text, spec string) *lint.VersionPin {
	pin := &lint.VersionPin{File: path, Span: lint.LineSpan(line), Text: text}
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimSpace(clause)
		op := strings.TrimRight(clause[:len(clause)-len(strings.TrimLeft(clause, "<>=!~^"))], " ")
		version := strings.TrimSpace(clause[len(op):])
		var max lint.Version
		exclusive := false
		switch op {
		case "==", "===":
			if prefix, ok := strings.CutSuffix(version, ".*"); ok {
				max, exclusive = bump(prefix, strings.Count(prefix, ".")), true
			} else {
				max, _ = lint.ParseVersion(version)
			}
		case "<":
			max, _ = lint.ParseVersion(version)
			exclusive = true
		case "<=":
			max, _ = lint.ParseVersion(version)
		case "~=":
			max, exclusive = bump(version, strings.Count(version, ".")-1), true
		case "^":
			max, exclusive = bump(version, 0), true
		case "~":
			max, exclusive = bump(version, min(1, strings.Count(version, "."))), true
		default:
			continue
		}
		if max.IsZero() {
			continue
		}
		if pin.Max.IsZero() || max.Before(pin.Max) || exclusive && !pin.Max.Before(max) {
			pin.Max, pin.MaxExclusive = max, exclusive
		}
	}
	if pin.Max.IsZero() {
		return nil
	}
	return pin
}

// bump raises the version's part at index and drops the rest:
// bump("1.13.1", 1) is 1.14.
func bump(version string, index int) lint.Version {
	parts := strings.Split(version, ".")
	if index < 0 || index >= len(parts) {
		return lint.Version{}
	}
	n, err := strconv.Atoi(parts[index])
	if err != nil {
		return lint.Version{}
	}
	parts = append(parts[:index], strconv.Itoa(n+1))
	v, _ := lint.ParseVersion(strings.Join(parts, "."))
	return v
}

func lineOf(data []byte, needle string) int {
	i := strings.Index(string(data), needle)
	if i < 0 {
		return 1
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

package alembic

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// maxRootLevels bounds how far above the migrations the application's
// package is looked for.
const maxRootLevels = 10

// sysPathRoots are the directories Alembic puts on sys.path: the
// configuration's directory and prepend_sys_path.
func sysPathRoots(l *Layout, sysPath []string) []string {
	roots := []string{l.Root}
	for _, p := range sysPath {
		if p = strings.TrimSpace(p); p != "" {
			roots = append(roots, resolveLocation(l.files, l.Root, strings.ReplaceAll(p, "%(here)s", l.Root)))
		}
	}
	return roots
}

// importRoots lists where the project's modules are found: the sys.path
// roots, and each directory from the script directory up to the
// repository root (the application package is usually installed, so
// `import app` works from anywhere in the checkout). Without a repository
// the search stays under the configuration's directory: nothing outside
// the project is read.
func importRoots(l *Layout, sysPath []string) []string {
	var roots []string
	seen := map[string]bool{}
	add := func(dir string) {
		if dir != "" && !seen[dir] {
			seen[dir] = true
			roots = append(roots, dir)
		}
	}
	for _, r := range sysPathRoots(l, sysPath) {
		add(r)
	}
	start := l.ScriptDir
	if start == "" && len(l.VersionDirs) > 0 {
		start = l.VersionDirs[0]
	}
	var chain []string
	top := ""
	for dir, level := start, 0; dir != "" && level < maxRootLevels; dir, level = filepath.Dir(dir), level+1 {
		chain = append(chain, dir)
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			top = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	for _, dir := range chain {
		inside := top != "" || dir == l.Root || strings.HasPrefix(dir, l.Root+string(filepath.Separator))
		if inside {
			add(dir)
		}
	}
	return roots
}

// ResolveImports finds, for the absolute imports of the given revisions,
// the project's own modules and what they define: the declarative models
// and Table objects, or that they are the model or service layer. Modules
// not found on the import roots (the standard library, third-party
// packages) are left out. A module in parsed (by file) is not read and
// parsed again; of the others only the outline is read
// (python.Parser.ParseOutline, which names the models and tables as the
// whole module does), through the cache (nil: none).
func ResolveImports(r *files.Reader, roots []string, revisions []*lint.Revision, parsed Parsed, cache ModuleCache) map[string]*lint.Module {
	finder := newModuleFinder(r, roots)
	// The names first, each with its file; then the files ReadSetup did
	// not parse are parsed on every core (on indico/indico, whose setup
	// parses none of them, 14 modules and 175 KB, the last thing a check
	// did on one core).
	type resolved struct{ name, file string }
	var names []resolved
	seen := map[string]bool{}
	resolve := func(name string) {
		if seen[name] || name == "" {
			return
		}
		seen[name] = true
		if file := finder.find(name); file != "" {
			names = append(names, resolved{name, file})
		}
	}
	for _, rev := range revisions {
		for _, imp := range rev.Imports {
			if imp.Level > 0 || imp.Module == "" {
				continue
			}
			resolve(imp.Module)
			// `from app import models` imports a submodule.
			for _, n := range imp.Names {
				if finder.find(imp.Module+"."+n) != "" {
					resolve(imp.Module + "." + n)
				}
			}
		}
	}
	var todo []string
	modules := map[string]*python.Module{}
	for _, n := range names {
		if mod, ok := parsed[n.file]; ok {
			modules[n.file] = mod
		} else if _, listed := modules[n.file]; !listed {
			modules[n.file] = nil
			todo = append(todo, n.file)
		}
	}
	done := make([]*python.Module, len(todo))
	onCores(len(todo), 2, func(next func() (int, bool)) {
		var parser *python.Parser
		defer func() {
			if parser != nil {
				parser.Close()
			}
		}()
		for i, ok := next(); ok; i, ok = next() {
			if data, _, err := r.Read(todo[i], MaxFileSize); err == nil {
				if parser == nil {
					parser = python.NewParser()
				}
				done[i] = parsePart(cache, parser, python.Outline, data)
			}
		}
	})
	for i, file := range todo {
		modules[file] = done[i]
	}
	out := make(map[string]*lint.Module, len(names))
	for _, n := range names {
		m := &lint.Module{File: n.file, ModelLayer: isModelLayer(n.name)}
		if mod := modules[n.file]; mod != nil {
			m.Models = modelsIn(mod)
		}
		out[n.name] = m
	}
	return out
}

// findModule looks a dotted module up on the roots, as a file or a package,
// only inside what r may read. A prepend_sys_path entry or a link that
// leads outside is not looked at: a module found there (and named as not
// read) but not when absent would tell a pull request which packages the
// runner has (moduleFile). It is the fallback for names that are not
// plain dotted ones; moduleFinder answers the others from listings.
func findModule(r *files.Reader, roots []string, name string) string {
	rel := filepath.Join(strings.Split(name, ".")...)
	for _, root := range roots {
		for _, candidate := range []string{filepath.Join(root, rel+".py"), filepath.Join(root, rel, "__init__.py")} {
			if moduleFile(r, candidate) {
				return candidate
			}
		}
	}
	return ""
}

// moduleFile is the rule for a module candidate: lexically inside what r
// may read (nothing outside is looked at, not even to resolve a link
// above the roots), still inside once links are resolved, and a regular
// file. A module outside counts as absent, so that the output never
// tells whether it exists.
func moduleFile(r *files.Reader, candidate string) bool {
	if !r.Inside(candidate) {
		return false
	}
	info, err := r.Stat(candidate)
	return err == nil && info.Mode().IsRegular()
}

// isModelLayer: a module named as the application's models or services.
func isModelLayer(name string) bool {
	for _, seg := range strings.Split(name, ".") {
		switch seg {
		case "models", "model", "services", "service":
			return true
		}
	}
	return false
}

// modelsIn lists the classes that derive (directly or through another
// class of the module) from a declarative base, and the module-level
// Table objects.
func modelsIn(m *python.Module) []string {
	model := map[string]bool{}
	declarative := func(base string) bool {
		last := lint.LastSegment(base)
		// Declarative bases (SQLAlchemy, Flask-SQLAlchemy's db.Model,
		// SQLModel, oslo's ModelBase) and pydantic's BaseModel: the
		// application's domain models, whose later changes alter what an
		// old revision computes.
		return last == "Base" || last == "DeclarativeBase" || last == "Model" || last == "SQLModel" || last == "BaseModel" ||
			strings.HasSuffix(last, "Base") && last != "TypeBase" || model[last]
	}
	for changed := true; changed; {
		changed = false
		for _, c := range m.Classes {
			if model[c.Name] {
				continue
			}
			for _, b := range c.Bases {
				if declarative(b) {
					model[c.Name], changed = true, true
					break
				}
			}
		}
	}
	var out []string
	for _, c := range m.Classes {
		if model[c.Name] {
			out = append(out, c.Name)
		}
	}
	var tables []string
	for name, a := range m.Assignments {
		if a.Value.Kind == lint.KindCall && a.Value.CalleeName() == "Table" {
			tables = append(tables, name)
		}
	}
	sort.Strings(tables)
	return append(out, tables...)
}

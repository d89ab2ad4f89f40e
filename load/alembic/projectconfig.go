package alembic

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// interpolatedSections are the ini sections Alembic reads with
// configparser interpolation. Logging sections are read raw by
// logging.config.fileConfig, so a lone % there is fine.
var interpolatedSections = []string{"alembic", "post_write_hooks"}

// ReadSetup gathers the facts the ML7xx rules judge, and the lines of the
// files they may point at (by file).
func ReadSetup(l *Layout) (*lint.Setup, map[string][]string) {
	cfg := &lint.Setup{}
	sources := map[string][]string{}
	var sysPath []string
	if l.INI != nil {
		display := l.ConfigFile
		if data, err := os.ReadFile(l.ConfigFile); err == nil {
			sources[display] = python.Lines(data)
		}
		vars := map[string]string{"here": l.Root}
		for _, section := range interpolatedSections {
			for key, v := range l.INI.Keys(section) {
				s := lint.Setting{File: display, Section: section, Key: key, Raw: v.Raw, Span: lint.LineSpan(v.Line)}
				if _, _, err := l.INI.Get(section, key, vars); err != nil {
					s.InterpolationError = err.Error()
				}
				cfg.Settings = append(cfg.Settings, s)
			}
		}
		if v, ok, err := l.INI.Get("alembic", "prepend_sys_path", vars); ok && err == nil {
			sysPath = splitLocations(v, separatorOf(l.INI, vars))
		}
	}
	if pp := l.pyProjectPath(); pp != "" {
		settings, lines := readToolAlembic(pp)
		cfg.Settings = append(cfg.Settings, settings...)
		sources[pp] = lines
		for _, s := range settings {
			if s.Key == "prepend_sys_path" {
				sysPath = append(sysPath, strings.Split(s.Raw, "\n")...)
			}
		}
	}
	sort.SliceStable(cfg.Settings, func(i, j int) bool {
		a, b := cfg.Settings[i], cfg.Settings[j]
		return a.File < b.File || a.File == b.File && a.Span.Line < b.Span.Line
	})
	cfg.Locations = locations(l, cfg.Settings)
	cfg.ImportRoots = importRoots(l, sysPath)
	if l.ScriptDir != "" {
		envPath := filepath.Join(l.ScriptDir, "env.py")
		if data, err := os.ReadFile(envPath); err == nil {
			env, lines := analyseEnv(envPath, data, sysPathRoots(l, sysPath), l)
			cfg.Env = env
			sources[env.File] = lines
		}
	}
	return cfg, sources
}

// pyProjectPath is the pyproject.toml holding [tool.alembic], if any.
func (l *Layout) pyProjectPath() string {
	candidates := []string{filepath.Join(l.Root, "pyproject.toml")}
	if filepath.Base(l.ConfigFile) == "pyproject.toml" {
		candidates = []string{l.ConfigFile}
	}
	for _, c := range candidates {
		if hasToolAlembic(c) {
			return c
		}
	}
	return ""
}

var tomlKey = regexp.MustCompile(`^\s*"?([A-Za-z0-9_.-]+)"?\s*=`)

// readToolAlembic returns the [tool.alembic] values with the line of their
// key. A list becomes one setting whose Raw holds the items, one a line.
func readToolAlembic(path string) ([]lint.Setting, []string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil
	}
	lines := python.Lines(data)
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil, lines
	}
	tool, _ := doc["tool"].(map[string]any)
	table, _ := tool["alembic"].(map[string]any)
	keyLines := map[string]int{}
	inTable := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") {
			inTable = trimmed == "[tool.alembic]"
			continue
		}
		if m := tomlKey.FindStringSubmatch(line); inTable && m != nil {
			keyLines[m[1]] = i + 1
		}
	}
	display := path
	var out []lint.Setting
	for key, value := range table {
		var raw string
		switch v := value.(type) {
		case string:
			raw = v
		case []any:
			var items []string
			for _, item := range v {
				if s, ok := item.(string); ok {
					items = append(items, s)
				}
			}
			raw = strings.Join(items, "\n")
		default:
			continue
		}
		out = append(out, lint.Setting{File: display, Section: "tool.alembic", Key: key, Raw: raw, Span: lint.LineSpan(max(keyLines[key], 1))})
	}
	return out, lines
}

// locations pairs each configured directory with the setting naming it.
func locations(l *Layout, settings []lint.Setting) []lint.Location {
	find := func(key string) (lint.Setting, bool) {
		for _, s := range settings {
			if s.Key == key && (s.Section == "alembic" || s.Section == "tool.alembic") {
				return s, true
			}
		}
		return lint.Setting{}, false
	}
	var out []lint.Location
	scriptSetting, hasScript := find("script_location")
	if hasScript && l.ScriptDir != "" {
		out = append(out, lint.Location{Setting: scriptSetting, Path: l.ScriptDir, Exists: isDir(l.ScriptDir)})
	}
	versionSetting, hasVersions := find("version_locations")
	for _, dir := range l.VersionDirs {
		setting := versionSetting
		if !hasVersions {
			if !hasScript || !isDir(l.ScriptDir) {
				continue // the missing script_location is the finding
			}
			setting = scriptSetting
		}
		out = append(out, lint.Location{Setting: setting, Path: dir, Exists: isDir(dir)})
	}
	return out
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// asyncNames are the identifiers of Alembic's async env.py template.
var asyncNames = []string{"async_engine_from_config", "create_async_engine", "AsyncEngine", "AsyncConnection", "run_sync"}

// analyseEnv reads env.py and, for `target_metadata = X.metadata`, finds
// where X and its subclasses are defined and which of those modules env.py
// imports.
func analyseEnv(path string, data []byte, roots []string, l *Layout) (*lint.EnvPy, []string) {
	p := python.NewParser()
	defer p.Close()
	m := p.ParseModule(data)
	env := &lint.EnvPy{File: path}
	for _, name := range asyncNames {
		env.Async = env.Async || m.Identifiers[name]
	}
	for _, s := range m.Strings {
		lower := strings.ToLower(s)
		env.SetsLockTimeout = env.SetsLockTimeout || strings.Contains(lower, "lock_timeout") || strings.Contains(lower, "statement_timeout")
	}
	if a, ok := m.Assignments["target_metadata"]; ok {
		env.TargetMetadata = &a
		if a.Value.Kind == lint.KindName && strings.HasSuffix(a.Value.Text, ".metadata") {
			env.MetadataOwner = lint.LastSegment(strings.TrimSuffix(a.Value.Text, ".metadata"))
		}
	}
	if env.MetadataOwner == "" {
		return env, m.Lines
	}
	proj := scanProject(p, roots, l)
	ownerModule := definingModule(m, env.MetadataOwner, proj)
	if ownerModule == "" {
		return env, m.Lines
	}
	env.OwnerModule = ownerModule
	env.ModelModules = proj.subclassModules(env.MetadataOwner)
	env.ImportedModules = proj.importClosure(m.Imports, "")
	return env, m.Lines
}

// definingModule finds the project module that env.py took the owner
// name from: `from app.db import Base` gives app.db.
func definingModule(env *python.Module, owner string, proj *projectModules) string {
	for _, imp := range env.Imports {
		if imp.Level > 0 {
			continue
		}
		for _, name := range imp.Names {
			if name == owner || strings.HasSuffix(imp.Module, "."+owner) || imp.Module == owner {
				if _, ok := proj.modules[imp.Module]; ok {
					return imp.Module
				}
			}
		}
	}
	return ""
}

// projectModules are the Python modules of the user's project, by dotted
// name.
type projectModules struct {
	modules map[string]*python.Module
}

// maxProjectFiles bounds the scan for model modules on very large trees.
const maxProjectFiles = 5000

var skipDirs = map[string]bool{"__pycache__": true, "node_modules": true, "venv": true, ".venv": true, "env": true,
	"site-packages": true, "build": true, "dist": true, ".tox": true, ".git": true}

// scanProject parses the Python modules under the import roots, leaving
// out virtual environments and the migration scripts.
func scanProject(p *python.Parser, roots []string, l *Layout) *projectModules {
	proj := &projectModules{modules: map[string]*python.Module{}}
	skip := map[string]bool{}
	if l.ScriptDir != "" {
		abs, _ := filepath.Abs(l.ScriptDir)
		skip[abs] = true
	}
	count := 0
	for _, root := range roots {
		root, _ = filepath.Abs(root)
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || count >= maxProjectFiles {
				return filepath.SkipDir
			}
			if d.IsDir() {
				if path != root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".") || skip[path]) {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".py") {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			name := strings.TrimSuffix(filepath.ToSlash(rel), ".py")
			name = strings.TrimSuffix(strings.TrimSuffix(name, "/__init__"), "__init__")
			name = strings.ReplaceAll(name, "/", ".")
			if name == "" || proj.modules[name] != nil {
				return nil
			}
			if info, err := d.Info(); err != nil || info.Size() > MaxFileSize {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			count++
			m := p.ParseModule(data)
			if strings.HasSuffix(path, "__init__.py") {
				m.Identifiers["__package__"] = true
			}
			proj.modules[name] = m
			return nil
		})
	}
	return proj
}

// subclassModules returns the modules defining classes that derive from
// owner, directly or through other project classes (abstract bases).
func (p *projectModules) subclassModules(owner string) []string {
	derived := map[string]bool{owner: true}
	for changed := true; changed; {
		changed = false
		for _, m := range p.modules {
			for _, c := range m.Classes {
				if derived[c.Name] {
					continue
				}
				for _, b := range c.Bases {
					if derived[lint.LastSegment(b)] {
						derived[c.Name], changed = true, true
						break
					}
				}
			}
		}
	}
	var out []string
	for name, m := range p.modules {
		for _, c := range m.Classes {
			if c.Name != owner && derived[c.Name] {
				out = append(out, name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// importClosure follows imports through the project's own modules:
// importing a.b.c runs a/__init__.py and a/b/__init__.py too, and each
// imported module's own imports.
func (p *projectModules) importClosure(imports []lint.Import, from string) []string {
	seen := map[string]bool{}
	var visit func(module string)
	var visitImports func(imps []lint.Import, pkg string)
	visit = func(module string) {
		parts := strings.Split(module, ".")
		for i := range parts {
			name := strings.Join(parts[:i+1], ".")
			m, ok := p.modules[name]
			if !ok || seen[name] {
				continue
			}
			seen[name] = true
			pkg := name
			if !m.Identifiers["__package__"] {
				pkg = strings.Join(parts[:i], ".")
			}
			visitImports(m.Imports, pkg)
		}
	}
	visitImports = func(imps []lint.Import, pkg string) {
		for _, imp := range imps {
			module := imp.Module
			if imp.Level > 0 {
				base := strings.Split(pkg, ".")
				if imp.Level-1 > len(base) {
					continue
				}
				base = base[:len(base)-(imp.Level-1)]
				module = strings.Trim(strings.Join(base, ".")+"."+imp.Module, ".")
			}
			visit(module)
			// `from pkg import mod` imports the submodule when it is one.
			for _, name := range imp.Names {
				if _, ok := p.modules[module+"."+name]; ok {
					visit(module + "." + name)
				}
			}
		}
	}
	visitImports(imports, from)
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

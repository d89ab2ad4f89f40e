package alembic

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// interpolatedSections are the ini sections Alembic reads with
// configparser interpolation. Logging sections are read raw by
// logging.config.fileConfig, so a lone % there is fine.
var interpolatedSections = []string{"alembic", "post_write_hooks"}

// ReadSetup gathers the facts the ML7xx rules judge, and the lines of the
// files they may point at (by file), and returns the project's modules it
// parsed on the way (for ResolveImports). An env.py that is there but
// cannot be read (a named pipe, a directory, unreadable, too large) is a
// notice: its checks do not run, and the user should know why.
func ReadSetup(l *Layout) (*lint.Setup, map[string][]string, Parsed, []Notice) {
	cfg := &lint.Setup{}
	var notices []Notice
	sources := map[string][]string{}
	parsed := Parsed{}
	var sysPath []string
	if l.INI != nil {
		display := l.ConfigFile
		if data, _, err := l.files.Read(l.ConfigFile, MaxConfigSize); err == nil {
			sources[display] = python.Lines(data)
		}
		vars := map[string]string{"here": l.Root}
		for _, section := range interpolatedSections {
			for key, v := range l.INI.Keys(section) {
				s := lint.Setting{File: display, Section: section, Key: key, Raw: v.Raw, Span: lint.LineSpan(v.Line)}
				if err := l.INI.Check(section, key, vars); err != nil {
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
		settings, lines := readToolAlembic(l.files, pp)
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
		data, _, err := l.files.Read(envPath, MaxFileSize)
		if n := envNotice(envPath, err); n != nil {
			notices = append(notices, *n)
		}
		if err == nil {
			roots := sysPathRoots(l, sysPath)
			// The repository's top (and its src/) too: an installed
			// project imports its package from there.
			for _, d := range pinDirs(l.Root)[1:] {
				roots = append(roots, d, filepath.Join(d, "src"))
			}
			analyseEnv(cfg, sources, parsed, envPath, data, roots, sysPath, l)
		}
	}
	cfg.AlembicPin = findAlembicPin(l, sources)
	return cfg, sources, parsed, notices
}

// envNotice says why env.py was not read, or nil: when it was, when there
// is none (a script directory may lack it; the layout checks say so), and
// when it lies outside the roots (the loader names those once).
func envNotice(path string, err error) *Notice {
	if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, files.ErrOutside) {
		return nil
	}
	return &Notice{path, fmt.Sprintf("skipped: %v (the checks of env.py do not run)", reason(err))}
}

// Parsed are project modules already parsed, by file path: what the
// bytes read from that path parse to.
type Parsed map[string]*python.Module

// pyProjectPath is the pyproject.toml holding [tool.alembic], if any.
func (l *Layout) pyProjectPath() string {
	candidates := []string{filepath.Join(l.Root, "pyproject.toml")}
	if filepath.Base(l.ConfigFile) == "pyproject.toml" {
		candidates = []string{l.ConfigFile}
	}
	for _, c := range candidates {
		if hasToolAlembic(l.files, c) {
			return c
		}
	}
	return ""
}

var tomlKey = lazyregexp.New(`^\s*"?([A-Za-z0-9_.-]+)"?\s*=`)

// readToolAlembic returns the [tool.alembic] values with the line of their
// key. A list becomes one setting whose Raw holds the items, one a line.
func readToolAlembic(r *files.Reader, path string) ([]lint.Setting, []string) {
	data, _, err := r.Read(path, MaxConfigSize)
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
	location := func(setting lint.Setting, path string) lint.Location {
		loc := lint.Location{Setting: setting, Path: path, WorkDir: l.WorkDir, ConfigDir: l.Root}
		// Outside the roots nothing is looked at, so nothing is said
		// of whether it exists; the loader's notice names it.
		if _, err := l.files.Resolve(path); errors.Is(err, files.ErrOutside) {
			loc.Outside = true
			return loc
		}
		loc.Exists = l.isDir(path)
		if r, ok := l.Resolutions[path]; ok {
			loc.Relative = true
			loc.FromWorkDir, loc.FromConfigDir = l.isDir(r.FromWorkDir), l.isDir(r.FromConfigDir)
		}
		return loc
	}
	scriptSetting, hasScript := find("script_location")
	if hasScript && l.ScriptDir != "" {
		out = append(out, location(scriptSetting, l.ScriptDir))
	}
	versionSetting, hasVersions := find("version_locations")
	for _, dir := range l.VersionDirs {
		setting := versionSetting
		if !hasVersions {
			if !hasScript || !l.isDir(l.ScriptDir) {
				continue // the missing script_location is the finding
			}
			setting = scriptSetting
		}
		out = append(out, location(setting, dir))
	}
	return out
}

// isDir reports whether path is a directory inside the roots; what lies
// outside is not looked at (files.Reader.Stat) and reads as absent.
func (l *Layout) isDir(path string) bool {
	info, err := l.files.Stat(path)
	return err == nil && info.IsDir()
}

// asyncNames are the identifiers of Alembic's async env.py template.
var asyncNames = []string{"async_engine_from_config", "create_async_engine", "AsyncEngine", "AsyncConnection", "run_sync"}

// analyseEnv reads env.py and what it leads to: the URLs it gives Alembic,
// and for `target_metadata = X.metadata` where X and its models are
// defined and which of those modules env.py imports.
func analyseEnv(cfg *lint.Setup, sources map[string][]string, parsed Parsed, path string, data []byte, roots, sysPath []string, l *Layout) {
	p := python.NewParser()
	defer p.Close()
	m := l.parseModule(p, data)
	env := &lint.EnvPy{File: path, SyntaxErrors: m.SyntaxErrors}
	cfg.Env = env
	sources[path] = m.Lines
	for _, name := range asyncNames {
		env.Async = env.Async || m.Identifiers[name]
	}
	for _, s := range m.Strings {
		lower := strings.ToLower(s)
		env.SetsLockTimeout = env.SetsLockTimeout || strings.Contains(lower, "lock_timeout") || strings.Contains(lower, "statement_timeout")
	}
	if a, ok := m.Assignments["target_metadata"]; ok {
		env.TargetMetadata = &a
		env.TargetMetadataUsed = targetMetadataUsed(m.Lines)
		for _, v := range append([]lint.Value{a.Value}, a.Value.Args...) {
			if v.Kind == lint.KindName && strings.HasSuffix(v.Text, ".metadata") {
				env.MetadataOwners = append(env.MetadataOwners, strings.TrimSuffix(v.Text, ".metadata"))
			}
		}
		if len(env.MetadataOwners) > 0 {
			env.MetadataOwner = lint.LastSegment(env.MetadataOwners[0])
		}
	}
	proj := scanProject(p, roots, l)
	defer func() {
		for _, ref := range proj.refs {
			parsed[ref.path] = ref.mod
		}
	}()
	envModule := &moduleRef{name: "", path: path, mod: m}
	cfg.URLs, env.SetsURL = proj.envURLs(envModule)
	env.ProjectSetsURL = proj.setsURLAnywhere()
	for _, u := range cfg.URLs {
		if _, ok := sources[u.File]; !ok {
			if ref := proj.byPath(u.File); ref != nil {
				sources[u.File] = ref.mod.Lines
			}
		}
	}
	cfg.CreateAll = proj.createAllCalls(envModule, l.VersionDirs)
	if l.ConfigFile != "" && !env.ProjectSetsURL {
		// Without alembic.ini or [tool.alembic], or with a program that
		// configures Alembic itself, the application runs Alembic with its
		// own package on the path.
		env.Unimportable = unimportablePackages(m, sysPath, l)
	}
	if v := env.TargetMetadata; len(env.MetadataOwners) == 0 && v != nil && v.Value.Kind == lint.KindName && lint.LastSegment(v.Value.Text) != "metadata" {
		// target_metadata = Base: a base class where its MetaData belongs.
		if cfg.Models = proj.declarativeModels(m, []string{v.Value.Text}); cfg.Models != nil {
			env.TargetIsBase = true
		}
		return
	}
	if len(env.MetadataOwners) == 0 {
		return
	}
	cfg.Models = proj.declarativeModels(m, env.MetadataOwners)
	env.OwnerModule = definingModule(m, env.MetadataOwner, proj)
	if cfg.Models == nil {
		return
	}
	seen := map[string]bool{}
	for _, b := range cfg.Models.Bases {
		if !b.InTarget {
			continue
		}
		for _, model := range b.Models {
			if model.OwnTable && !seen[model.Module] {
				seen[model.Module] = true
				env.ModelModules = append(env.ModelModules, model.Module)
			}
		}
	}
	sort.Strings(env.ModelModules)
	env.ImportedModules = proj.importClosure(m.Imports, "", seen)
	for _, ref := range proj.parsed() {
		if len(ref.mod.Classes) > 0 {
			sources[ref.path] = ref.mod.Lines
		}
	}
}

// targetMetadataUsed reports whether env.py uses target_metadata for more
// than passing it on: `target_metadata.reflect(...)`, `Table(..., target_metadata)`.
func targetMetadataUsed(lines []string) bool {
	for _, line := range lines {
		code, _, _ := strings.Cut(line, "#")
		for rest := code; ; {
			i := strings.Index(rest, "target_metadata")
			if i < 0 {
				break
			}
			before, after := strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+len("target_metadata"):])
			rest = rest[i+len("target_metadata"):]
			switch {
			case before == "" && strings.HasPrefix(after, "=") && !strings.HasPrefix(after, "=="):
				// the assignment itself
			case strings.HasSuffix(before, "target_metadata=") || strings.HasSuffix(before, "target_metadata ="):
				// configure(target_metadata=target_metadata)
			case strings.HasSuffix(before, "="), strings.HasSuffix(before, "."):
			default:
				if strings.HasPrefix(after, ".") || strings.HasPrefix(after, ",") || strings.HasPrefix(after, ")") {
					return true
				}
			}
		}
	}
	return false
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
				if proj.get(imp.Module) != nil {
					return imp.Module
				}
			}
		}
	}
	return ""
}

// projectModules are the Python modules of the user's project, by dotted
// name. Files are read up front and parsed when first asked for: most
// questions need a few modules, and the others are filtered on their bytes.
type projectModules struct {
	parser *python.Parser
	layout *Layout           // parses through its module cache
	files  map[string]string // dotted name -> path
	data   map[string][]byte
	// later are the test modules, read only if a module is asked for
	// (bytes): no search wants them.
	later map[string]*laterFile
	refs  map[string]*moduleRef
	names []string // sorted
	// canon maps the other names of a file reached from several import
	// roots to the name it was first read under (the nearest root's).
	canon map[string]string
	// searchable are the names, in order, that containing searches.
	searchable []string
	// found holds, by name, which of searchedWords each module contains.
	found map[string]uint64
	// imports are the modules the import closure read for their imports
	// only (python.Parser.ParseImports), by name: those it reaches that
	// nothing parsed whole.
	imports map[string]*python.Module
	// prefetch reads imports ahead of the import closure's walk
	// (prefetch.go).
	prefetch *prefetcher
}

// searched is the one set of words the modules are searched for, made
// when first needed: its table is 64 KB, which every command would
// otherwise touch at start-up.
var searched = sync.OnceValue(func() *wordSet { return newWordSet(searchedWords) })

// canonical is the one name of a module's file.
func (p *projectModules) canonical(name string) string {
	if c, ok := p.canon[name]; ok {
		return c
	}
	return name
}

// moduleRef is one parsed module.
type moduleRef struct {
	name, path string
	mod        *python.Module
}

// maxProjectFiles bounds the scan for model modules on very large trees.
const maxProjectFiles = 5000

var skipDirs = map[string]bool{"__pycache__": true, "node_modules": true, "venv": true, ".venv": true, "env": true,
	"site-packages": true, "build": true, "dist": true, ".tox": true, ".git": true}

// scanProject reads the Python modules under the import roots, leaving
// out virtual environments and the migration scripts.
//
// The walk runs first with every read assumed to succeed, listing the
// files it would read; they are then read on every core. When all of
// them could be read, that walk is the one a read-as-you-go walk would
// have made; otherwise (a file unreadable or outside the repository,
// which changes which name or root a module is found under and how many
// files count toward maxProjectFiles) the walk runs again with the real
// outcomes, from what was read.
func scanProject(p *python.Parser, roots []string, l *Layout) *projectModules {
	var pending []projectFile
	listed := dirListings{}
	later := map[string]*laterFile{}
	proj := walkProject(p, roots, l, listed, func(path, dir string, entry fs.DirEntry) ([]byte, error) {
		f := projectFile{path: path, dir: dir, name: entry.Name(), listedRegular: entry.Type().IsRegular()}
		if f.listedRegular && isTestModule(path) {
			later[path] = &laterFile{projectFile: f}
			return nil, nil
		}
		pending = append(pending, f)
		return nil, nil
	})
	readProjectFiles(l, pending)
	read := make(map[string]*projectFile, len(pending))
	failed := false
	for i := range pending {
		read[pending[i].path] = &pending[i]
		failed = failed || pending[i].err != nil
	}
	if !failed {
		proj.later = map[string]*laterFile{}
		for name, path := range proj.files {
			if f, ok := later[path]; ok {
				proj.later[name] = f
				continue
			}
			proj.data[name] = read[path].data
		}
		return proj
	}
	return walkProject(p, roots, l, listed, func(path, dir string, entry fs.DirEntry) ([]byte, error) {
		if f, ok := read[path]; ok {
			return f.data, f.err
		}
		data, _, err := l.files.ReadIn(dir, entry.Name(), entry.Type().IsRegular(), MaxFileSize)
		return data, err
	})
}

// projectFile is a module file to read, and what reading it gave.
type projectFile struct {
	path, dir, name string
	// listedRegular: the directory listing says a regular file.
	listedRegular bool
	data          []byte
	err           error
}

// readProjectFiles reads the files on every core, each goroutine asking
// for a few files' pages ahead of reading them (files.Ahead).
func readProjectFiles(l *Layout, pending []projectFile) {
	onReaders(len(pending), 16, func(next func() (int, bool)) {
		ahead := l.files.Ahead(MaxFileSize, readAhead, func(i int, data []byte, real string, truncated bool, err error) {
			pending[i].data, pending[i].err = files.Whole(data, real, truncated, MaxFileSize, err)
		})
		for i, ok := next(); ok; i, ok = next() {
			ahead.Add(i, pending[i].dir, pending[i].name, pending[i].listedRegular)
		}
		ahead.Flush()
	})
}

// walkProject walks the import roots and reads each module file with
// read, in walk order. The roots are usually nested (each directory from
// the migrations up to the repository's root), so each directory is
// listed once, into listed, and not once per root above it.
func walkProject(p *python.Parser, roots []string, l *Layout, listed dirListings, read func(path, dir string, entry fs.DirEntry) ([]byte, error)) *projectModules {
	proj := &projectModules{parser: p, layout: l, files: map[string]string{}, data: map[string][]byte{}, refs: map[string]*moduleRef{}, canon: map[string]string{}}
	skip := map[string]bool{}
	if l.ScriptDir != "" {
		abs, _ := filepath.Abs(l.ScriptDir)
		skip[abs] = true
	}
	count := 0
	firstName := map[string]string{}
	for _, root := range roots {
		root, err := l.files.Resolve(root)
		if err != nil {
			continue // outside the repository: the loader names it
		}
		_ = listed.walk(root, func(path string, d os.DirEntry, err error) error {
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
			// The walk's paths are the (clean) root, a separator and the
			// rest: the rest is filepath.Rel(root, path), without its Cleans.
			rel := strings.TrimPrefix(strings.TrimPrefix(path, root), string(filepath.Separator))
			name := strings.TrimSuffix(filepath.ToSlash(rel), ".py")
			name = strings.TrimSuffix(strings.TrimSuffix(name, "/__init__"), "__init__")
			name = strings.ReplaceAll(name, "/", ".")
			if name == "" || proj.files[name] != "" {
				return nil
			}
			if first, ok := firstName[path]; ok {
				// the same file under another root: another dotted name
				// for it, which resolves to the first
				proj.canon[name] = first
				return nil
			}
			data, err := read(path, filepath.Dir(path), d)
			if err != nil {
				return nil
			}
			count++
			firstName[path] = name
			proj.files[name], proj.data[name] = path, data
			proj.names = append(proj.names, name)
			return nil
		})
	}
	sort.Strings(proj.names)
	return proj
}

// get parses a module on first use; nil when the project has none of
// that name.
func (p *projectModules) get(name string) *python.Module {
	if ref := p.ref(name); ref != nil {
		return ref.mod
	}
	return nil
}

func (p *projectModules) ref(name string) *moduleRef {
	name = p.canonical(name)
	if ref, ok := p.refs[name]; ok {
		return ref
	}
	data, ok := p.source(name)
	if !ok {
		return nil
	}
	return p.keep(name, p.layout.parseModule(p.parser, data))
}

// source is the contents of a project module of a canonical name; ok
// false when the project has none, or it cannot be read.
func (p *projectModules) source(name string) (data []byte, ok bool) {
	if _, ok := p.files[name]; !ok {
		return nil, false
	}
	return p.bytes(name)
}

// importsOf returns what following a module's imports needs: the module
// if it is parsed, or else its imports only; nil when the project has no
// module of that name. The import closure reaches many modules nothing
// else asks about, and reading only their imports is about half the
// work of parsing them.
func (p *projectModules) importsOf(name string) *python.Module {
	name = p.canonical(name)
	if ref, ok := p.refs[name]; ok {
		return ref.mod
	}
	if m, ok := p.imports[name]; ok {
		return m
	}
	data, ok := p.source(name)
	if !ok {
		return nil
	}
	m := p.take(name)
	if m == nil {
		m = parsePart(p.layout.Modules, p.parser, python.Imports, data)
	}
	p.markPackage(name, m)
	if p.imports == nil {
		p.imports = map[string]*python.Module{}
	}
	p.imports[name] = m
	return m
}

// laterFile is a test module, read the first time it is asked for.
type laterFile struct {
	projectFile
	once sync.Once
}

// bytes are a module's contents; a test module is read now, the first
// time (ok false if it cannot be: it is then no module of the project, as
// a file the walk could not read, unless another root also holds that
// name, which only an unreadable test module shadowing it would hide).
// Safe on several goroutines once the walk is over.
func (p *projectModules) bytes(name string) ([]byte, bool) {
	f, ok := p.later[name]
	if !ok {
		return p.data[name], true
	}
	f.once.Do(func() {
		f.data, _, f.err = p.layout.files.ReadIn(f.dir, f.name, f.listedRegular, MaxFileSize)
	})
	return f.data, f.err == nil
}

// keep records the parsed module of a name.
func (p *projectModules) keep(name string, m *python.Module) *moduleRef {
	p.markPackage(name, m)
	ref := &moduleRef{name: name, path: p.files[name], mod: m}
	p.refs[name] = ref
	return ref
}

// markPackage marks a package's module (its __init__.py) with the
// identifier __package__, which relative imports start from.
func (p *projectModules) markPackage(name string, m *python.Module) {
	if strings.HasSuffix(p.files[name], "__init__.py") {
		m.Identifiers["__package__"] = true
	}
}

// parseAhead parses the modules of these names that are not parsed yet
// on every core, so that the ref calls that follow find them: a project
// with a model module per feature has a hundred or more to parse, and
// parsing them is most of reading the setup.
func (p *projectModules) parseAhead(names []string) {
	var todo []string
	listed := map[string]bool{}
	for _, name := range names {
		name = p.canonical(name)
		if _, parsed := p.refs[name]; !parsed && p.files[name] != "" && !listed[name] {
			todo, listed[name] = append(todo, name), true
		}
	}
	const perWorker = 4
	if runtime.GOMAXPROCS(0) < 2 || len(todo) < 2*perWorker {
		return // not worth a parser per core; ref parses them
	}
	parsed := make([]*python.Module, len(todo))
	onCores(len(todo), perWorker, func(next func() (int, bool)) {
		parser := python.NewParser()
		defer parser.Close()
		for i, ok := next(); ok; i, ok = next() {
			data, _ := p.bytes(todo[i]) // an unreadable test module parses as empty; ref decides
			parsed[i] = p.layout.parseModule(parser, data)
		}
	})
	for i, name := range todo {
		if _, ok := p.bytes(name); ok {
			p.keep(name, parsed[i])
		}
	}
}

// has reports whether a dotted name is a project module. A test module
// is read to tell: one that cannot be read is none, as a file the walk
// could not read.
func (p *projectModules) has(name string) bool {
	name = p.canonical(name)
	if p.files[name] == "" {
		return false
	}
	_, ok := p.bytes(name)
	return ok
}

// byPath returns the parsed module of a file.
func (p *projectModules) byPath(path string) *moduleRef {
	for name, f := range p.files {
		if f == path {
			return p.ref(name)
		}
	}
	return nil
}

// isParsed reports whether a module is parsed whole.
func (p *projectModules) isParsed(name string) bool {
	_, ok := p.refs[p.canonical(name)]
	return ok
}

// parsed returns the modules parsed so far, by name.
func (p *projectModules) parsed() []*moduleRef {
	out := make([]*moduleRef, 0, len(p.refs))
	for _, name := range p.names {
		if ref := p.refs[name]; ref != nil {
			out = append(out, ref)
		}
	}
	return out
}

// containing returns the modules whose source holds any of the words, in
// name order, parsed: a byte filter before the parse. Revision files of
// other script directories (which define throwaway bases and tables for
// data migrations) and tests are not the application's modules and are
// left out.
func (p *projectModules) containing(words ...string) []*moduleRef {
	p.search()
	want, others := searched().mask(words)
	var matched []string
	for _, name := range p.searchable {
		if p.found[name]&want != 0 || containsAny(p.data[name], others) {
			matched = append(matched, name)
		}
	}
	p.parseAhead(matched)
	out := make([]*moduleRef, 0, len(matched))
	for _, name := range matched {
		out = append(out, p.ref(name))
	}
	return out
}

// search searches every module for every word once, the first time a
// search is asked for; it lists the modules searched (searchable).
func (p *projectModules) search() {
	if p.searchable != nil {
		return
	}
	// Every module but the tests (which no search wants, and which
	// are most of some projects' bytes: 7 of openstack/ironic's 12 MB)
	// is searched for every word once, on every core; revision files
	// are then left out of every search.
	var names []string
	for _, name := range p.names {
		if !isTestModule(p.files[name]) {
			names = append(names, name)
		}
	}
	found := make([]uint64, len(names))
	onCores(len(names), 32, func(next func() (int, bool)) {
		for i, ok := next(); ok; i, ok = next() {
			found[i] = searched().in(p.data[names[i]])
		}
	})
	revision, _ := searched().mask([]string{"down_revision"})
	p.found = make(map[string]uint64, len(names))
	p.searchable = []string{}
	for i, name := range names {
		p.found[name] = found[i]
		if found[i]&revision == 0 {
			p.searchable = append(p.searchable, name)
		}
	}
}

// importClosure follows imports through the project's own modules:
// importing a.b.c runs a/__init__.py and a/b/__init__.py too, and each
// imported module's own imports. A package that imports its modules
// dynamically (importlib.import_module, pkgutil) counts as importing all
// of its submodules.
//
// It stops once every module of want has been reached: following an
// application's imports to the end parses most of it.
func (p *projectModules) importClosure(imports []lint.Import, from string, want map[string]bool) []string {
	p.startPrefetch()
	defer p.stopPrefetch()
	seen := map[string]bool{}
	missing := len(want)
	var visit func(module string)
	var visitImports func(imps []lint.Import, pkg string)
	visit = func(module string) {
		parts := strings.Split(module, ".")
		for i := range parts {
			if missing == 0 {
				return
			}
			name := strings.Join(parts[:i+1], ".")
			m := p.importsOf(name)
			if m == nil || seen[p.canonical(name)] {
				continue
			}
			cname := p.canonical(name)
			seen[cname] = true
			if want[cname] {
				missing--
			}
			pkg := cname
			if !m.Identifiers["__package__"] {
				pkg = cname[:max(0, strings.LastIndexByte(cname, '.'))]
			}
			visitImports(m.Imports, pkg)
			if importsDynamically(m) {
				for _, sub := range p.names {
					if strings.HasPrefix(sub, pkg+".") {
						visit(sub)
					}
				}
			}
		}
	}
	visitImports = func(imps []lint.Import, pkg string) {
		modules := make([]string, len(imps))
		above := make([]bool, len(imps)) // a relative import above the top
		for i, imp := range imps {
			module := imp.Module
			if imp.Level > 0 {
				base := strings.Split(pkg, ".")
				if above[i] = imp.Level-1 > len(base); above[i] {
					continue
				}
				base = base[:len(base)-(imp.Level-1)]
				module = strings.Trim(strings.Join(base, ".")+"."+imp.Module, ".")
			}
			modules[i] = module
			// What the walk will reach, for the helpers to parse first.
			for j := range module {
				if module[j] == '.' {
					p.hint(module[:j])
				}
			}
			p.hint(module)
			for _, name := range imp.Names {
				p.hint(module + "." + name)
			}
		}
		for i, imp := range imps {
			if above[i] {
				continue
			}
			module := modules[i]
			visit(module)
			// `from pkg import mod` imports the submodule when it is one.
			for _, name := range imp.Names {
				if p.has(module + "." + name) {
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

// importsDynamically recognises a package that imports its submodules in a
// loop rather than by name, or hands its __path__ to code that does
// (register_backends(__name__, __path__)).
func importsDynamically(m *python.Module) bool {
	return m.Identifiers["import_module"] || m.Identifiers["iter_modules"] || m.Identifiers["walk_packages"] ||
		m.Identifiers["__import__"] || m.Identifiers["__path__"]
}

// containsAny reports whether data holds any of the words.
func containsAny(data []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(data, []byte(w)) {
			return true
		}
	}
	return false
}

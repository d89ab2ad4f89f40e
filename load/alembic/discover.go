package alembic

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/files"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// Layout is where an Alembic project keeps its pieces.
type Layout struct {
	// ConfigFile is the alembic.ini or pyproject.toml that was read; empty
	// when PATH was a bare directory.
	ConfigFile string
	// INI is the parsed alembic.ini, if any.
	INI *INI
	// Root is the directory that holds the configuration, where
	// .migrate-lint.toml and pyproject.toml are looked for.
	Root string
	// ScriptDir holds env.py; empty for a bare versions directory.
	ScriptDir   string
	VersionDirs []string
	// Recursive: revision files may sit in subdirectories.
	Recursive bool
	// URL is sqlalchemy.url as written (interpolated where possible).
	URL string
	// WorkDir is the directory the command runs in, from which Alembic
	// resolves a relative script_location, version location or
	// prepend_sys_path entry.
	WorkDir string
	// Resolutions says, for each location that came from a relative
	// value, where it points from the working directory and from the
	// configuration's directory (by the path chosen).
	Resolutions map[string]Resolution

	// Modules keeps parsed modules between runs for the setup's reading
	// of env.py and the project's modules; nil keeps nothing.
	Modules ModuleCache
	// CoresFree, when not nil, is closed once the other work of the run
	// (parsing the revision files) is done: only then does the setup
	// parse modules ahead on the other cores (prefetch.go), which would
	// otherwise take them from that work. nil: from the start.
	CoresFree <-chan struct{}

	// files reads every file of the project: inside the repository,
	// regular files only, size-capped.
	files *files.Reader
}

// ModuleCache keeps what parsing a module's bytes gave, between runs
// (load/cache.Modules).
type ModuleCache interface {
	// Get returns the module parsed from these bytes, a copy the caller
	// may change.
	Get(data []byte) (*python.Module, bool)
	// Put keeps the module parsed from these bytes.
	Put(data []byte, m *python.Module)
	// Part and PutPart are Get and Put for a partial reading of the
	// bytes (python.Outline, python.Imports).
	Part(r python.Reading, data []byte) (*python.Module, bool)
	PutPart(r python.Reading, data []byte, m *python.Module)
}

// parseModule parses a module's bytes with p, or takes the module from
// the cache.
func (l *Layout) parseModule(p *python.Parser, data []byte) *python.Module {
	return parsePart(l.Modules, p, python.Whole, data)
}

// parsePart reads a module whole (python.Parser.ParseModule) or in part
// (ParseOutline, ParseImports), or takes that reading from the cache
// (nil: none).
func parsePart(cache ModuleCache, p *python.Parser, r python.Reading, data []byte) *python.Module {
	parse := p.ParseModule
	switch r {
	case python.Outline:
		parse = p.ParseOutline
	case python.Imports:
		parse = p.ParseImports
	}
	if cache == nil {
		return parse(data)
	}
	var m *python.Module
	var ok bool
	if r == python.Whole {
		m, ok = cache.Get(data)
	} else {
		m, ok = cache.Part(r, data)
	}
	if ok {
		return m
	}
	m = parse(data)
	if r == python.Whole {
		cache.Put(data, m)
	} else {
		cache.PutPart(r, data, m)
	}
	return m
}

// MaxConfigSize bounds alembic.ini and pyproject.toml; real ones are a
// few kilobytes.
const MaxConfigSize = 1 << 20

// Files is the reader the layout's files are read with.
func (l *Layout) Files() *files.Reader { return l.files }

// Resolution is a relative location read both ways.
type Resolution struct {
	FromWorkDir, FromConfigDir string
}

// ErrNotFound is returned when nothing at PATH looks like an Alembic
// project; the message says what was looked for.
var ErrNotFound = errors.New("no Alembic project found")

// Discover works out the layout from an absolute path, which may be an
// alembic.ini, a pyproject.toml with [tool.alembic], a script directory, a
// versions directory, or a directory holding alembic.ini or pyproject.toml.
// Every path of the layout is absolute and symbolic-link-resolved; every
// file is read with r, so a path that resolves outside its roots is not
// read.
func Discover(r *files.Reader, path string) (*Layout, error) {
	return DiscoverFrom(r, path, "")
}

// DiscoverFrom is Discover for a command that runs in workDir: relative
// locations are resolved from there first, as Alembic resolves them (an
// empty workDir means the configuration's directory).
func DiscoverFrom(r *files.Reader, path, workDir string) (*Layout, error) {
	if !filepath.IsAbs(path) {
		return nil, fmt.Errorf("discover %s: the path must be absolute", path)
	}
	if _, err := os.Lstat(path); err == nil {
		real, err := r.Resolve(path)
		if err != nil {
			return nil, outsideError(path, err, r)
		}
		path = real
	}
	return discover(r, path, realDir(workDir))
}

// outsideError explains a path that is not read because it resolves
// outside the roots; other errors pass unchanged.
func outsideError(path string, err error, r *files.Reader) error {
	if errors.Is(err, files.ErrOutside) {
		return fmt.Errorf("%w: migrate-lint reads only inside %s (list another directory in allow-roots in the settings to read it)", err, strings.Join(r.Roots(), ", "))
	}
	return err
}

// readConfig reads alembic.ini or pyproject.toml, explaining why not.
func readConfig(r *files.Reader, path string) ([]byte, error) {
	data, _, err := r.Read(path, MaxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("cannot read the Alembic configuration: %w", outsideError(path, err, r))
	}
	return data, nil
}

func realDir(dir string) string {
	if dir == "" {
		return ""
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	return dir
}

// DiscoverIn looks for alembic.ini, then pyproject.toml with
// [tool.alembic], in an absolute directory: what running without PATH
// means.
func DiscoverIn(r *files.Reader, dir string) (*Layout, error) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return discoverIn(r, dir, dir)
}

func discover(r *files.Reader, path, workDir string) (*Layout, error) {
	info, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s does not exist: pass alembic.ini, pyproject.toml, the migrations directory or its versions directory", path)
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !info.IsDir() {
		if filepath.Base(path) == "pyproject.toml" {
			return fromPyProject(r, path, workDir)
		}
		return fromINI(r, path, workDir)
	}
	if exists(filepath.Join(path, "env.py")) || exists(filepath.Join(path, "script.py.mako")) {
		return fromScriptDir(r, path), nil
	}
	if exists(filepath.Join(path, "alembic.ini")) || hasToolAlembic(r, filepath.Join(path, "pyproject.toml")) {
		return discoverIn(r, path, workDir)
	}
	abs, _ := filepath.Abs(path)
	return &Layout{Root: filepath.Dir(abs), VersionDirs: []string{path}, Recursive: true, files: r}, nil
}

// discoverIn looks for alembic.ini, then pyproject.toml with [tool.alembic].
func discoverIn(r *files.Reader, dir, workDir string) (*Layout, error) {
	if ini := filepath.Join(dir, "alembic.ini"); exists(ini) {
		return fromINI(r, ini, workDir)
	}
	if pp := filepath.Join(dir, "pyproject.toml"); hasToolAlembic(r, pp) {
		return fromPyProject(r, pp, workDir)
	}
	abs, _ := filepath.Abs(dir)
	return nil, fmt.Errorf("%w: no alembic.ini and no pyproject.toml with [tool.alembic] in %s: pass the path of your migrations (alembic.ini, the script directory or its versions directory)", ErrNotFound, abs)
}

func fromScriptDir(r *files.Reader, dir string) *Layout {
	abs, _ := filepath.Abs(dir)
	return &Layout{Root: filepath.Dir(abs), ScriptDir: dir, VersionDirs: []string{filepath.Join(dir, "versions")}, files: r}
}

// fromINI reads [alembic] of an alembic.ini. Since Alembic 1.16 the
// script location may live in pyproject.toml beside it instead.
func fromINI(r *files.Reader, path, workDir string) (*Layout, error) {
	data, err := readConfig(r, path)
	if err != nil {
		return nil, err
	}
	ini, err := ParseINI(path, data)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	here, _ := filepath.Abs(dir)
	vars := map[string]string{"here": here}
	if workDir == "" {
		workDir = here
	}
	l := &Layout{ConfigFile: path, INI: ini, Root: here, WorkDir: workDir, files: r}
	if url, ok, err := ini.Get("alembic", "sqlalchemy.url", vars); ok && err == nil {
		l.URL = url
	} else if v, ok := ini.Raw("alembic", "sqlalchemy.url"); ok {
		l.URL = v.Raw
	}
	location, ok, err := ini.Get("alembic", "script_location", vars)
	if err != nil {
		return nil, err
	}
	if !ok {
		if pp := filepath.Join(dir, "pyproject.toml"); hasToolAlembic(r, pp) {
			pl, err := fromPyProject(r, pp, workDir)
			if err != nil {
				return nil, err
			}
			pl.ConfigFile, pl.INI, pl.URL = path, ini, l.URL
			return pl, nil
		}
		return nil, fmt.Errorf("%s has no script_location in [alembic]: add `script_location = %%(here)s/migrations` (the directory with env.py)", path)
	}
	l.ScriptDir = l.resolveFrom(dir, location, true)
	if raw, ok, err := ini.Get("alembic", "version_locations", vars); err != nil {
		return nil, err
	} else if ok {
		sep := separatorOf(ini, vars)
		for _, loc := range splitLocations(raw, sep) {
			l.VersionDirs = append(l.VersionDirs, l.resolveFrom(dir, loc, false))
		}
	}
	if len(l.VersionDirs) == 0 {
		l.VersionDirs = []string{filepath.Join(l.ScriptDir, "versions")}
	}
	if v, ok, _ := ini.Get("alembic", "recursive_version_locations", vars); ok {
		l.Recursive = isTrue(v)
	}
	return l, nil
}

// separatorOf reads path_separator (Alembic 1.16+) or the older
// version_path_separator; "" means the legacy split on spaces and commas.
func separatorOf(ini *INI, vars map[string]string) string {
	for _, key := range []string{"path_separator", "version_path_separator"} {
		v, ok, _ := ini.Get("alembic", key, vars)
		if !ok {
			continue
		}
		switch strings.TrimSpace(v) {
		case "os":
			return string(os.PathListSeparator)
		case "space":
			return " "
		case "newline":
			return "\n"
		case "colon", ":":
			return ":"
		case "semicolon", ";":
			return ";"
		}
	}
	return ""
}

var legacySeparator = lazyregexp.New(`, *|(?: +)|\n`)

func splitLocations(raw, sep string) []string {
	var parts []string
	if sep == "" {
		parts = legacySeparator.Split(raw, -1)
	} else {
		parts = strings.Split(raw, sep)
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// resolveLocation turns a location into a path. A relative path is taken
// from the configuration's directory; `package:dir` (Alembic's package
// resource form) is looked up as package/dir there.
func resolveLocation(r *files.Reader, base, loc string) string {
	loc = strings.TrimSpace(loc)
	if pkg, rel, ok := strings.Cut(loc, ":"); ok && !filepath.IsAbs(loc) && !strings.ContainsAny(pkg, `/\`) && len(pkg) > 1 {
		// Alembic joins every ":"-separated part under the package,
		// which is found on sys.path: look for it from base upwards.
		pkgDir := strings.ReplaceAll(pkg, ".", string(filepath.Separator))
		rel = strings.ReplaceAll(rel, ":", string(filepath.Separator))
		for dir := base; ; dir = filepath.Dir(dir) {
			for _, root := range []string{dir, filepath.Join(dir, "src")} {
				// Only inside the roots: a package found (or not)
				// outside would tell the pull request what the
				// runner has there.
				if _, err := r.Stat(filepath.Join(root, pkgDir, "__init__.py")); err == nil {
					return filepath.Join(root, pkgDir, rel)
				}
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
		loc = filepath.Join(pkgDir, rel)
	}
	if filepath.IsAbs(loc) {
		return filepath.Clean(loc)
	}
	return filepath.Join(base, loc)
}

// resolveFrom resolves a location as Alembic does: a relative path from
// the working directory. When it names nothing there but exists from the
// configuration's directory (the directory Alembic is usually run from),
// that one is read instead, so that the revisions are still linted; ML705
// says the location depends on the directory. A script location that
// exists both ways is taken from the working directory unless only the
// other holds env.py.
func (l *Layout) resolveFrom(configDir, loc string, script bool) string {
	fromConfig := resolveLocation(l.files, configDir, loc)
	trimmed := strings.TrimSpace(loc)
	if filepath.IsAbs(trimmed) || filepath.Clean(fromConfig) != filepath.Join(configDir, trimmed) || l.WorkDir == "" {
		return fromConfig // absolute, or package:resource
	}
	fromWork := filepath.Join(l.WorkDir, trimmed)
	if l.Resolutions == nil {
		l.Resolutions = map[string]Resolution{}
	}
	chosen := fromWork
	switch {
	case fromWork == fromConfig:
	case !l.isDir(fromWork) && l.isDir(fromConfig):
		chosen = fromConfig
	case script && l.isDir(fromConfig) && !l.exists(filepath.Join(fromWork, "env.py")) && l.exists(filepath.Join(fromConfig, "env.py")):
		chosen = fromConfig
	}
	l.Resolutions[chosen] = Resolution{FromWorkDir: fromWork, FromConfigDir: fromConfig}
	return chosen
}

// pyProject is the part of pyproject.toml migrate-lint reads.
type pyProject struct {
	Tool struct {
		Alembic *struct {
			ScriptLocation            string   `toml:"script_location"`
			VersionLocations          []string `toml:"version_locations"`
			RecursiveVersionLocations bool     `toml:"recursive_version_locations"`
		} `toml:"alembic"`
	} `toml:"tool"`
}

func hasToolAlembic(r *files.Reader, path string) bool {
	if !exists(path) {
		return false
	}
	data, _, err := r.Read(path, MaxConfigSize)
	if err != nil {
		return false
	}
	var pp pyProject
	return toml.Unmarshal(data, &pp) == nil && pp.Tool.Alembic != nil
}

// fromPyProject reads [tool.alembic]; %(here)s works there as in the ini.
func fromPyProject(r *files.Reader, path, workDir string) (*Layout, error) {
	data, err := readConfig(r, path)
	if err != nil {
		return nil, err
	}
	var pp pyProject
	if err := toml.Unmarshal(data, &pp); err != nil {
		return nil, fmt.Errorf("%s: %s", path, settings.DescribeTOML(err))
	}
	a := pp.Tool.Alembic
	if a == nil || a.ScriptLocation == "" {
		return nil, fmt.Errorf("%s has no script_location in [tool.alembic]: add `script_location = \"%%(here)s/migrations\"`", path)
	}
	dir := filepath.Dir(path)
	here, _ := filepath.Abs(dir)
	expand := func(s string) string { return strings.ReplaceAll(s, "%(here)s", here) }
	if workDir == "" {
		workDir = here
	}
	l := &Layout{ConfigFile: path, Root: here, WorkDir: workDir, Recursive: a.RecursiveVersionLocations, files: r}
	l.ScriptDir = l.resolveFrom(dir, expand(a.ScriptLocation), true)
	for _, loc := range a.VersionLocations {
		l.VersionDirs = append(l.VersionDirs, l.resolveFrom(dir, expand(loc), false))
	}
	if len(l.VersionDirs) == 0 {
		l.VersionDirs = []string{filepath.Join(l.ScriptDir, "versions")}
	}
	return l, nil
}

// exists reports whether path is there inside the roots; what lies
// outside is not looked at and reads as absent.
func (l *Layout) exists(path string) bool {
	_, err := l.files.Stat(path)
	return err == nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

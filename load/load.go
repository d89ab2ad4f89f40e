// Package load is the one way a project is read: it discovers the Alembic
// project, reads the settings file, decides the effective configuration
// (flag over file over default, the dialect included), reads and parses the
// revision files, lowers them into operations, and chooses the revisions
// under lint (baseline, exclude, --base, or a pull request's file list).
// Every command (check, graph, sandbox, github) and the rule tests call
// Load; it is the only package besides cmd/ that knows the working
// directory.
package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/ops"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/cache"
	"github.com/migrate-lint/migrate-lint/load/files"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// Request says what to load and how.
type Request struct {
	// Dir is the absolute directory a relative Path is taken from, and
	// where the project and the settings file are looked for without one:
	// the process's working directory, or the Action's working-directory.
	Dir string
	// Path is the PATH argument as the user wrote it; empty discovers
	// the project in Dir.
	Path string
	// SettingsFile is --config; empty looks for .migrate-lint.toml and
	// pyproject.toml beside the project, then in Dir.
	SettingsFile string
	// Flags are the command line's choices; they override the settings.
	Flags Flags
	// Base is --base REF: lint only what changed since the merge base.
	Base string
	// ChangedFiles, when not nil, are the absolute files a pull request
	// adds or modifies (from the GitHub API, when git cannot tell):
	// only revisions among them are linted.
	ChangedFiles []string
	// MetadataOnly reads only each file's revision metadata (the graph
	// command): no full parse, no setup facts.
	MetadataOnly bool
	// Registry checks --select, --ignore and [severity] selectors.
	Registry *lint.Registry
	// Cache, when not nil, keeps each file's full extraction between runs.
	Cache *cache.Cache
	// SettingsFromChange says that the settings file is the change's own
	// (GitHub mode: the pull request's checkout), so that what it grants
	// beyond the rules, allow-roots, counts only as the base ref (Base)
	// has it. See allowRoots.
	SettingsFromChange bool
	// AllowRoots are further directories that may be read, absolute,
	// given by whoever runs the tool (the Action's allow-roots input):
	// trusted, unlike the settings file's.
	AllowRoots []string
}

// Flags are the command-line values that override the settings file, as
// written; empty means not given.
type Flags struct {
	Dialect, TargetVersion, FailLevel string
	Select, Ignore                    []string
}

// Result is a loaded project.
type Result struct {
	Layout   *alembic.Layout
	Settings *settings.File
	Config   lint.Config
	Project  *lint.Project
	// Files counts the revision files read; CachedFiles those whose
	// extraction came from the cache.
	Files, CachedFiles int
	// Notices are problems that did not stop the run: files skipped, the
	// dialect assumed. The caller shows them (stderr, annotations).
	Notices []Notice
}

// Notice is something the user should know about one file, or about the
// run when File is empty.
type Notice struct {
	File    string
	Message string
	// Refused marks a setting the run did not honour (allow-roots from a
	// pull request): the GitHub mode shows it in the job summary too,
	// where the author looks for why a file was not read.
	Refused bool
}

// Load reads the project the request names. Errors are the user's to fix
// (a bad path, an unknown setting) and say how; problems with single files
// become notices and never stop the others.
func Load(ctx context.Context, req Request) (*Result, error) {
	if strings.HasPrefix(req.Base, "-") {
		// git would read it as an option (--base=--all).
		return nil, fmt.Errorf("--base %q is not a git ref: a ref never starts with '-'", req.Base)
	}
	req.Dir = realPath(req.Dir)
	reader := files.New(projectRoot(req.Dir, req.Path))
	layout, err := discover(reader, req)
	if err != nil {
		return nil, err
	}
	// git answers while the revision files are read.
	var pending *pendingChangeSet
	if req.Base != "" {
		pending = startChangeSet(layout, req.Base)
		defer pending.close()
	}
	explicit := req.SettingsFile
	if explicit != "" && !filepath.IsAbs(explicit) {
		explicit = filepath.Join(req.Dir, explicit)
	}
	file, err := settings.Load(reader.With(req.Dir), explicit, layout.Root, req.Dir)
	if err != nil {
		return nil, err
	}
	res := &Result{Layout: layout, Settings: file}
	roots, said := allowRoots(req, file)
	for _, root := range roots {
		reader.Allow(root)
	}
	res.Notices = append(res.Notices, said...)
	// The project's setup (env.py and the modules behind it) is read while
	// the revision files are, once the reader knows every allowed root.
	var setup chan projectSetup
	var modules *cache.Modules // the setup's module pack, read with the rest
	// The setup may take the other cores once the revisions are parsed.
	coresFree := make(chan struct{})
	freeCores := sync.OnceFunc(func() { close(coresFree) })
	defer freeCores()
	layout.CoresFree = coresFree
	if !req.MetadataOnly {
		setup = make(chan projectSetup, 1)
		go func() {
			if modules = req.Cache.Modules(layout.Root); modules != nil {
				layout.Modules = modules
			}
			var s projectSetup
			s.setup, s.sources, s.parsed, s.notices = alembic.ReadSetup(layout)
			setup <- s
		}()
	}
	// Said last, whatever was refused on the way.
	defer func() {
		if n := outsideNotice(reader); n != nil {
			res.Notices = append(res.Notices, *n)
		}
	}()
	if res.Config, err = effectiveConfig(req, file, layout, res); err != nil {
		return nil, err
	}
	files, notices, err := alembic.ReadVersionFiles(ctx, layout)
	for _, n := range notices {
		res.Notices = append(res.Notices, Notice{File: n.Path, Message: n.Message})
	}
	if err != nil {
		return nil, err
	}
	res.Files = len(files)

	// The graph needs every file's metadata, which the scanner reads
	// fast; only the revisions under lint are then parsed in full.
	var p *lint.Project
	var targets []string
	var scanned []*lint.Revision
	if restricted(req, file) {
		if scanned, err = scanAll(ctx, files); err != nil {
			return nil, err
		}
		p = lint.NewProject(layout.Root, append([]*lint.Revision(nil), scanned...))
		if targets, err = chooseTargets(req, p, file, layout, pending); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var parsed alembic.Parsed
	if !req.MetadataOnly {
		var full map[string]bool
		var base *lint.BaseBranch
		if p != nil {
			full = map[string]bool{}
			for _, r := range targetsOrAll(p, targets) {
				full[r.File] = true
			}
			base = p.Base
		}
		var lookup *cache.Lookup
		if req.Cache != nil {
			lookup = req.Cache.Lookup(layout.Root, string(res.Config.Dialect))
		}
		revisions, scans, cached, err := parseAll(ctx, files, scanned, full, res.Config.Dialect, lookup)
		freeCores()
		if err != nil {
			return nil, err
		}
		res.CachedFiles = cached
		history := readHistory(files, revisions, scans)
		p = lint.NewProject(layout.Root, revisions)
		p.Base, p.History = base, history
		s := <-setup
		p.Setup, p.Sources = s.setup, s.sources
		parsed = s.parsed
		for _, n := range s.notices {
			res.Notices = append(res.Notices, Notice{File: n.Path, Message: n.Message})
		}
		p.Setup.Duplicates = layout.Duplicates()
	}
	if targets != nil {
		p.SetTargets(revisionsOf(p, targets))
	}
	if p.Setup != nil {
		p.Setup.Modules = alembic.ResolveImports(layout.Files(), p.Setup.ImportRoots, p.Targets(), parsed, layout.Modules)
	}
	// A failure to write is not the run's: the next run parses again.
	_ = modules.Save()
	ops.MarkChangeSet(p)
	res.Project = p
	return res, nil
}

// projectSetup is what alembic.ReadSetup returns.
type projectSetup struct {
	setup   *lint.Setup
	sources map[string][]string
	parsed  alembic.Parsed // the modules ReadSetup parsed, for ResolveImports
	notices []alembic.Notice
}

// discover finds the project from the request's path, or in its directory.
func discover(r *files.Reader, req Request) (*alembic.Layout, error) {
	if req.Path == "" {
		return alembic.DiscoverIn(r, req.Dir)
	}
	path := req.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(req.Dir, path)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s does not exist: pass alembic.ini, pyproject.toml, the migrations directory or its versions directory", req.Path)
	}
	return alembic.DiscoverFrom(r, path, req.Dir)
}

// targetsOrAll returns the chosen targets, or every revision when nil.
func targetsOrAll(p *lint.Project, targets []string) []*lint.Revision {
	if targets == nil {
		return p.Revisions
	}
	return revisionsOf(p, targets)
}

// revisionsOf maps files to the project's revisions.
func revisionsOf(p *lint.Project, files []string) []*lint.Revision {
	out := []*lint.Revision{}
	for _, f := range files {
		if r, ok := p.RevisionOf(f); ok {
			out = append(out, r)
		}
	}
	return out
}

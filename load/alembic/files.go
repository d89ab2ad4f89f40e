package alembic

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/migrate-lint/migrate-lint/load/files"
)

// MaxFileSize bounds what is read of a Python file. Real revisions are
// kilobytes; a longer revision file is read this far, for its metadata,
// and reported as not analysed (ML005).
const MaxFileSize = 4 << 20

// File is a revision file's identity and contents.
type File struct {
	// Path is the absolute, symbolic-link-resolved path: the identity
	// that lint.Revision.File carries.
	Path string
	Data []byte
	// Truncated: the file is longer than MaxFileSize and Data holds its
	// beginning.
	Truncated bool
}

// Notice is a problem with one file that does not stop the run: the file
// is skipped and the rest is linted.
type Notice struct {
	Path    string
	Message string
}

func (n Notice) String() string { return n.Path + ": " + n.Message }

// ReadVersionFiles reads every *.py of the version locations except
// __init__.py, skipping __pycache__. Directories reached through symbolic
// links are followed once; a link loop, or a file that cannot be read or
// is no regular file, becomes a notice. What lies outside the layout's
// roots is not read at all (the reader records it). It stops when ctx is
// cancelled.
func ReadVersionFiles(ctx context.Context, l *Layout) ([]File, []Notice, error) {
	// The walk lists the files to read, and the problems met on the way,
	// in order; the files are then read on every core (a read is a few
	// system calls, and a project has hundreds of files), and the notices
	// come out in the order of the walk.
	var steps []walkStep
	notice := func(n Notice) { steps = append(steps, walkStep{notice: &n}) }
	seenDirs := map[string]bool{}
	seenFiles := map[string]bool{}
	found := false
	var walk func(dir string, recursive bool)
	walk = func(dir string, recursive bool) {
		real, err := l.files.Resolve(dir)
		if errors.Is(err, files.ErrOutside) {
			return
		}
		if err != nil {
			notice(Notice{dir, fmt.Sprintf("skipped: %v", reason(err))})
			return
		}
		if seenDirs[real] {
			notice(Notice{dir, "skipped: this directory was already read (a symbolic link loop?)"})
			return
		}
		seenDirs[real] = true
		entries, err := os.ReadDir(real)
		if err != nil {
			notice(Notice{dir, fmt.Sprintf("skipped: %v", reason(err))})
			return
		}
		for _, e := range entries {
			if ctx.Err() != nil {
				return
			}
			path := filepath.Join(dir, e.Name())
			isDir := e.IsDir()
			var linked string // a link's real target, inside the roots
			if e.Type()&fs.ModeSymlink != 0 {
				// A link out is not followed, not even to see whether
				// its target exists: the reader records it, and the
				// loader names it with the others not read.
				target, err := l.files.Resolve(path)
				if errors.Is(err, files.ErrOutside) {
					continue
				}
				var info fs.FileInfo
				if err == nil {
					info, err = os.Stat(target)
				}
				if err != nil {
					notice(Notice{path, fmt.Sprintf("skipped: broken symbolic link (%v)", reason(err))})
					continue
				}
				isDir, linked = info.IsDir(), target
			}
			switch {
			case isDir:
				if recursive && e.Name() != "__pycache__" && !strings.HasPrefix(e.Name(), ".") {
					walk(path, recursive)
				}
			case strings.HasSuffix(e.Name(), ".py") && e.Name() != "__init__.py":
				found = true
				// Only links need resolving; a plain file's real path is
				// its real directory's plus its name.
				realFile := filepath.Join(real, e.Name())
				if linked != "" {
					realFile = linked
				}
				if seenFiles[realFile] {
					continue
				}
				seenFiles[realFile] = true
				steps = append(steps, walkStep{path: path, dir: real, name: e.Name(), listedRegular: e.Type().IsRegular()})
			}
		}
	}
	missing, outside := 0, 0
	for _, dir := range l.VersionDirs {
		// Outside the roots, whether the directory exists is not looked
		// at: it counts as outside, recorded for the loader's notice.
		if _, err := l.files.Resolve(dir); errors.Is(err, files.ErrOutside) {
			outside++
			continue
		}
		if !l.isDir(dir) {
			// Reported as ML705 on the setting that names it.
			missing++
			continue
		}
		walk(dir, l.Recursive)
	}
	read, notices := readSteps(ctx, l, steps)
	if err := ctx.Err(); err != nil {
		return nil, notices, err
	}
	switch {
	case !found && outside > 0 && missing+outside == len(l.VersionDirs):
		return nil, notices, fmt.Errorf("the version locations %s are outside %s: migrate-lint reads only inside it (list another directory in allow-roots in the settings to read it)",
			strings.Join(l.VersionDirs, ", "), strings.Join(l.files.Roots(), ", "))
	case !found && missing == len(l.VersionDirs) && l.ConfigFile == "":
		return nil, notices, fmt.Errorf("version location %s does not exist or is not a directory", strings.Join(l.VersionDirs, ", "))
	case !found && missing == 0:
		return nil, notices, fmt.Errorf("%w: no revision files (*.py) in %s", ErrNotFound, strings.Join(l.VersionDirs, ", "))
	}
	sort.Slice(read, func(i, j int) bool { return read[i].Path < read[j].Path })
	return read, notices, nil
}

// walkStep is a notice, or a file to read: the entry name of the real
// directory dir, which path reached.
type walkStep struct {
	notice          *Notice
	path, dir, name string
	// listedRegular: the directory listing says a regular file.
	listedRegular bool
}

// readSteps reads the files of the steps on every core and returns them
// and the notices in the steps' order.
func readSteps(ctx context.Context, l *Layout, steps []walkStep) ([]File, []Notice) {
	type result struct {
		file   File
		notice *Notice
	}
	results := make([]result, len(steps))
	onReaders(len(steps), 16, func(next func() (int, bool)) {
		ahead := l.files.Ahead(MaxFileSize, readAhead, func(i int, data []byte, real string, truncated bool, err error) {
			results[i].file, results[i].notice = revisionFile(steps[i], data, real, truncated, err)
		})
		for i, ok := next(); ok && ctx.Err() == nil; i, ok = next() {
			if s := steps[i]; s.notice == nil {
				ahead.Add(i, s.dir, s.name, s.listedRegular)
			}
		}
		ahead.Flush()
	})
	var read []File
	var notices []Notice
	for i, s := range steps {
		switch r := results[i]; {
		case s.notice != nil:
			notices = append(notices, *s.notice)
		case r.notice != nil:
			notices = append(notices, *r.notice)
		case r.file.Path != "":
			read = append(read, r.file)
		}
	}
	return read, notices
}

// revisionFile is a step's file (the entry name of the real directory
// dir, which path reached) from what reading it gave. A file outside the
// roots yields neither a file nor a notice: the loader names every such
// file once.
func revisionFile(s walkStep, data []byte, real string, truncated bool, err error) (File, *Notice) {
	switch {
	case errors.Is(err, files.ErrOutside):
		return File{}, nil
	case err != nil:
		return File{}, &Notice{s.path, fmt.Sprintf("skipped: %v", reason(err))}
	}
	return File{Path: real, Data: data, Truncated: truncated}, nil
}

// reason is an error as a notice says it: the path is the notice's own,
// so an error that names it again is cut to what went wrong.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var nr *files.NotRegularError
	if errors.As(err, &nr) {
		return fmt.Errorf("it is %s, not a regular file", files.DescribeMode(nr.Mode))
	}
	return err
}

package alembic

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxFileSize bounds what is read as a revision file. Real revisions are
// kilobytes; a multi-megabyte .py in a versions directory is generated data
// and would only slow the run down.
const MaxFileSize = 4 << 20

// File is a revision file's identity and contents.
type File struct {
	// Path is the absolute, symbolic-link-resolved path: the identity
	// that lint.Revision.File carries.
	Path string
	Data []byte
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
// links are followed once; a link loop, an unreadable, binary or oversized
// file becomes a notice.
func ReadVersionFiles(l *Layout) ([]File, []Notice, error) {
	var files []File
	var notices []Notice
	seenDirs := map[string]bool{}
	seenFiles := map[string]bool{}
	found := false
	var walk func(dir string, recursive bool)
	walk = func(dir string, recursive bool) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			notices = append(notices, Notice{dir, fmt.Sprintf("skipped: %v", err)})
			return
		}
		if seenDirs[real] {
			notices = append(notices, Notice{dir, "skipped: this directory was already read (a symbolic link loop?)"})
			return
		}
		seenDirs[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			notices = append(notices, Notice{dir, fmt.Sprintf("skipped: %v", err)})
			return
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				info, err := os.Stat(path)
				if err != nil {
					notices = append(notices, Notice{path, fmt.Sprintf("skipped: broken symbolic link (%v)", err)})
					continue
				}
				isDir = info.IsDir()
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
				if e.Type()&fs.ModeSymlink != 0 {
					realFile, _ = filepath.EvalSymlinks(path)
				}
				if seenFiles[realFile] {
					continue
				}
				seenFiles[realFile] = true
				if f, notice := readRevisionFile(path, realFile); notice != nil {
					notices = append(notices, *notice)
				} else {
					files = append(files, f)
				}
			}
		}
	}
	missing := 0
	for _, dir := range l.VersionDirs {
		if !isDir(dir) {
			// Reported as ML705 on the setting that names it.
			missing++
			continue
		}
		walk(dir, l.Recursive)
	}
	switch {
	case !found && missing == len(l.VersionDirs) && l.ConfigFile == "":
		return nil, notices, fmt.Errorf("version location %s does not exist or is not a directory", strings.Join(l.VersionDirs, ", "))
	case !found && missing == 0:
		return nil, notices, fmt.Errorf("%w: no revision files (*.py) in %s", ErrNotFound, strings.Join(l.VersionDirs, ", "))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, notices, nil
}

func readRevisionFile(path, real string) (File, *Notice) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, &Notice{path, fmt.Sprintf("skipped: cannot read it (%v)", err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return File{}, &Notice{path, fmt.Sprintf("skipped: %v", err)}
	}
	if info.Size() > MaxFileSize {
		return File{}, &Notice{path, fmt.Sprintf("skipped: %d bytes is more than the %d MiB a revision file may have", info.Size(), MaxFileSize>>20)}
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return File{}, &Notice{path, fmt.Sprintf("skipped: cannot read it (%v)", err)}
	}
	if bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0 {
		return File{}, &Notice{path, "skipped: binary content (NUL bytes), not Python source"}
	}
	return File{Path: real, Data: data}, nil
}

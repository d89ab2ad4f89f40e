package alembic

import (
	"io/fs"
	"os"
	"path/filepath"
)

// dirListings holds each directory's entries, sorted by name, as one run
// listed them; the error when it could not be listed.
type dirListings map[string]dirListing

type dirListing struct {
	entries []fs.DirEntry
	err     error
}

func (d dirListings) list(dir string) ([]fs.DirEntry, error) {
	if l, ok := d[dir]; ok {
		return l.entries, l.err
	}
	entries, err := os.ReadDir(dir)
	d[dir] = dirListing{entries, err}
	return entries, err
}

// walk is filepath.WalkDir with every directory listed through d: the same
// calls to fn in the same order, fn's filepath.SkipDir and filepath.SkipAll
// obeyed, but a directory walked again (under a second root) is not listed
// again.
func (d dirListings) walk(root string, fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = d.walkDir(root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == filepath.SkipDir || err == filepath.SkipAll {
		return nil
	}
	return err
}

func (d dirListings) walkDir(path string, entry fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, entry, nil); err != nil || !entry.IsDir() {
		if err == filepath.SkipDir && entry.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := d.list(path)
	if err != nil {
		// As WalkDir: the directory again, with the error.
		if err = fn(path, entry, err); err != nil {
			if err == filepath.SkipDir && entry.IsDir() {
				err = nil
			}
			return err
		}
	}
	dir := filepath.Clean(path) // as filepath.Join cleans each entry's path
	for _, e := range entries {
		if err := d.walkDir(entryPath(dir, e.Name()), e, fn); err != nil {
			if err == filepath.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// entryPath is filepath.Join(dir, name) for a clean directory and the
// name of one of its entries, which holds no separator and is neither "."
// nor "..": a concatenation, without the Clean that Join does on every
// path (with filepath.Rel's, a tenth of walking Netflix/dispatch's tree,
// 2,700 entries under its nested roots).
func entryPath(dir, name string) string {
	switch {
	case dir == ".":
		return name
	case os.IsPathSeparator(dir[len(dir)-1]):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

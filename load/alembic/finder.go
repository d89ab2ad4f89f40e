package alembic

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/migrate-lint/migrate-lint/load/files"
)

// moduleFinder looks dotted modules up on the import roots as findModule
// does (moduleFile: only inside what the reader may read), but from
// directory listings read once each instead of one stat per candidate: a
// revision's imports name the same few packages over and over
// (sqlalchemy, alembic, the application's), and a project has hundreds
// of revisions and up to a dozen roots.
type moduleFinder struct {
	r        *files.Reader
	roots    []string
	found    map[string]string   // dotted name -> file, "" when absent
	listings map[string]*listing // directory -> its entries
}

// listing is a directory's entries by name; nil entries when the
// directory could not be listed for a reason other than its absence
// (then each path is stat'ed, as before).
type listing struct {
	entries map[string]fs.FileMode
	missing bool
}

func newModuleFinder(r *files.Reader, roots []string) *moduleFinder {
	return &moduleFinder{r: r, roots: roots, found: map[string]string{}, listings: map[string]*listing{}}
}

// find returns the file of a dotted module on the roots, as a file or a
// package, the first root first; "" when no root has it.
func (f *moduleFinder) find(name string) string {
	if file, ok := f.found[name]; ok {
		return file
	}
	file := f.lookup(name)
	f.found[name] = file
	return file
}

func (f *moduleFinder) lookup(name string) string {
	parts := strings.Split(name, ".")
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.ContainsRune(p, filepath.Separator) || strings.ContainsRune(p, '/') {
			return findModule(f.r, f.roots, name) // not a plain dotted name: as before
		}
	}
	last := parts[len(parts)-1]
	for _, root := range f.roots {
		dir := root
		ok := true
		for _, p := range parts[:len(parts)-1] {
			if !f.isDir(dir, p) {
				ok = false
				break
			}
			dir = filepath.Join(dir, p)
		}
		if !ok {
			continue
		}
		if f.isRegular(dir, last+".py") && moduleFile(f.r, filepath.Join(dir, last+".py")) {
			return filepath.Join(dir, last+".py")
		}
		if f.isDir(dir, last) && f.isRegular(filepath.Join(dir, last), "__init__.py") && moduleFile(f.r, filepath.Join(dir, last, "__init__.py")) {
			return filepath.Join(dir, last, "__init__.py")
		}
	}
	return ""
}

// list reads a directory's entries once.
func (f *moduleFinder) list(dir string) *listing {
	if l, ok := f.listings[dir]; ok {
		return l
	}
	l := &listing{}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil:
		l.entries = make(map[string]fs.FileMode, len(entries))
		for _, e := range entries {
			l.entries[e.Name()] = e.Type()
		}
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		l.missing = true
	}
	f.listings[dir] = l
	return l
}

// mode is what stat says of dir/name: the entry's type when it is not a
// symbolic link, else the type of what the link points to.
func (f *moduleFinder) mode(dir, name string) (fs.FileMode, bool) {
	l := f.list(dir)
	if l.missing {
		return 0, false
	}
	if l.entries != nil {
		t, ok := l.entries[name]
		if !ok {
			return 0, false
		}
		if t&fs.ModeSymlink == 0 {
			return t, true
		}
	}
	info, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		return 0, false
	}
	return info.Mode().Type(), true
}

func (f *moduleFinder) isDir(dir, name string) bool {
	t, ok := f.mode(dir, name)
	return ok && t.IsDir()
}

func (f *moduleFinder) isRegular(dir, name string) bool {
	t, ok := f.mode(dir, name)
	return ok && t.IsRegular()
}

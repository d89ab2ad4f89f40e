// Package files is the one way migrate-lint reads a file from disk. A
// pull request controls every file of the checkout, symbolic links
// included, so every read is bounded: regular files only (checked before
// opening, without following a link to a device or a named pipe), at most
// a size cap, and only inside the roots the run allows: the repository
// that holds the project (or, outside a repository, the project's
// directory) and the roots the settings add. A file or directory whose
// real path lies outside is not read; the Reader remembers it, so that the
// run names it once.
package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ErrOutside is returned for a path whose real location is outside the
// roots.
var ErrOutside = errors.New("outside the repository")

// Reader reads files inside its roots. It is safe for concurrent use.
type Reader struct {
	mu    sync.Mutex
	roots []string
	// refused is shared with the Readers made by With.
	refused *record
}

// record is what was not read, by path as reached.
type record struct {
	mu      sync.Mutex
	outside map[string]string
}

// New returns a Reader confined to roots, which must be absolute; their
// symbolic links are resolved here.
func New(roots ...string) *Reader {
	r := &Reader{refused: &record{outside: map[string]string{}}}
	for _, root := range roots {
		r.Allow(root)
	}
	return r
}

// Allow adds a root.
func (r *Reader) Allow(root string) {
	root = realPath(filepath.Clean(root))
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.roots, root) {
		r.roots = append(r.roots, root)
	}
}

// Roots returns the roots, real paths, the first being the repository's
// or the project's.
func (r *Reader) Roots() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.roots)
}

// With returns a Reader with one more root that records what it does not
// read with this one: for a file a user named explicitly (--config), which
// may live beside the project rather than in it.
func (r *Reader) With(root string) *Reader {
	other := &Reader{roots: r.Roots(), refused: r.refused}
	other.Allow(root)
	return other
}

// Refused is a path that was not read because its real path lies
// outside the roots.
type Refused struct {
	Path, Real string
}

// Outside returns what was not read, sorted by path.
func (r *Reader) Outside() []Refused {
	r.refused.mu.Lock()
	defer r.refused.mu.Unlock()
	out := make([]Refused, 0, len(r.refused.outside))
	for p, real := range r.refused.outside {
		out = append(out, Refused{Path: p, Real: real})
	}
	slices.SortFunc(out, func(a, b Refused) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Resolve returns the real path of path, a file or a directory, when it
// lies inside the roots. Outside, the path is recorded and the error is
// ErrOutside, whether or not anything is there: see resolve.
func (r *Reader) Resolve(path string) (string, error) {
	real, outside, err := r.resolve(path)
	if err != nil {
		return "", err
	}
	if outside {
		r.refused.mu.Lock()
		r.refused.outside[path] = real
		r.refused.mu.Unlock()
		return "", fmt.Errorf("%s: %w (it leads to %s)", path, ErrOutside, real)
	}
	return real, nil
}

// Stat describes path, links followed, when it lies inside the roots.
// Outside, the error is ErrOutside and nothing there is looked at (see
// resolve); unlike Resolve, the path is not recorded as refused: asking
// whether a candidate exists is not reading it.
func (r *Reader) Stat(path string) (fs.FileInfo, error) {
	real, outside, err := r.resolve(path)
	if err != nil {
		return nil, err
	}
	if outside {
		return nil, fmt.Errorf("%s: %w", path, ErrOutside)
	}
	return os.Stat(real)
}

// maxLinks bounds the symbolic links one resolution follows, as the
// kernel's ELOOP does.
const maxLinks = 40

// resolve is filepath.EvalSymlinks that never looks outside the roots. A
// pull request controls the paths (script_location, version_locations,
// symbolic links) but not the runner's files: if "/etc/x" read as
// "outside" when it exists and as "missing" when it does not, every run
// would tell the pull request whether a path of the runner exists. So
// once a path leads outside the roots (lexically, or through a link whose
// text points out), resolution stops there and the path is outside,
// whatever lies beyond; real is then the path as far as it was followed,
// made only of the pull request's own text. Inside, each component is
// looked at (Lstat, Readlink), and a missing one is the path's own error.
//
// A link's text is joined and cleaned lexically. Where a ".." in it
// follows another link the system would go elsewhere; either way nothing
// outside the roots is looked at or read.
//
// A path that is outside from its first component may still lead in
// through links above the roots (a checkout reached through a linked
// directory, /tmp on macOS): it is resolved as the system does, and only
// an end inside the roots counts; a failure and an end outside are alike.
func (r *Reader) resolve(path string) (real string, outside bool, err error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", false, err
	}
	root := r.rootOf(p)
	if root == "" {
		if end, err := filepath.EvalSymlinks(p); err == nil && r.rootOf(end) != "" {
			return end, false, nil
		}
		return p, true, nil
	}
	sep := string(filepath.Separator)
	done, rest := root, strings.TrimPrefix(p[len(root):], sep)
	for links := 0; rest != ""; {
		var name string
		name, rest, _ = strings.Cut(rest, sep)
		if name == "" || name == "." {
			continue
		}
		next := filepath.Join(done, name)
		info, err := os.Lstat(next)
		if err != nil {
			return "", false, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if links++; links > maxLinks {
			return "", false, &fs.PathError{Op: "resolve", Path: path, Err: errTooManyLinks}
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", false, err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(done, target)
		}
		p = filepath.Join(target, rest)
		if root = r.rootOf(p); root == "" {
			return p, true, nil
		}
		done, rest = root, strings.TrimPrefix(p[len(root):], sep)
	}
	return done, false, nil
}

// errTooManyLinks is a resolution that met more than maxLinks links.
var errTooManyLinks = errors.New("too many levels of symbolic links")

// rootOf returns the root holding a clean absolute path, or "".
func (r *Reader) rootOf(p string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, root := range r.roots {
		if within(root, p) {
			return root
		}
	}
	return ""
}

// Inside reports whether a real path lies inside one of the roots.
func (r *Reader) Inside(real string) bool { return r.rootOf(real) != "" }

func within(root, path string) bool {
	if path == root {
		return true
	}
	return strings.HasPrefix(path, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

// TooLargeError is a file over the size cap.
type TooLargeError struct {
	Path string
	Max  int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s", e.Path, Size(e.Max))
}

// Size renders a byte count for messages: 4 MiB, 512 KiB, 100 bytes.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// NotRegularError is a path that is not a regular file: a directory, a
// named pipe, a device, a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, DescribeMode(e.Mode))
}

// DescribeMode names the kind of file a mode says: "a named pipe".
func DescribeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Read reads a regular file inside the roots, at most max bytes; a longer
// file is a *TooLargeError. It returns the data and the real path.
func (r *Reader) Read(path string, max int64) ([]byte, string, error) {
	data, real, truncated, err := r.ReadPrefix(path, max)
	if err == nil && truncated {
		return nil, real, &TooLargeError{Path: path, Max: max}
	}
	return data, real, err
}

// ReadIn reads the entry name of dir, a real path inside the roots (as
// Resolve returns, or found by walking it): a plain file there costs no
// resolving, a symbolic link is resolved as Read does. listedRegular says
// that the listing of dir gave name as a regular file (fs.DirEntry.Type()
// == 0): that listing is then the look before opening, which saves an
// Lstat per file of a check that reads hundreds.
func (r *Reader) ReadIn(dir, name string, listedRegular bool, max int64) ([]byte, string, error) {
	data, real, truncated, err := r.ReadPrefixIn(dir, name, listedRegular, max)
	data, err = Whole(data, real, truncated, max, err)
	return data, real, err
}

// Whole is what ReadIn makes of what ReadPrefixIn (or Ahead) gave for a
// file at real read with a cap of max: a file cut at the cap is a
// *TooLargeError, not a prefix.
func Whole(data []byte, real string, truncated bool, max int64, err error) ([]byte, error) {
	if err == nil && truncated {
		return nil, &TooLargeError{Path: real, Max: max}
	}
	return data, err
}

// ReadPrefixIn is ReadIn for files that may be used in part, as
// ReadPrefix.
func (r *Reader) ReadPrefixIn(dir, name string, listedRegular bool, max int64) ([]byte, string, bool, error) {
	path := filepath.Join(dir, name)
	if listedRegular && r.Inside(path) {
		// A link put there since is refused by the open (ok false) and
		// resolved below; anything else but a regular file, by fstat.
		if data, ok, err := readListedRegular(path, max); ok {
			if err != nil {
				return nil, path, false, err
			}
			data, truncated := cutAt(data, max)
			return data, path, truncated, nil
		}
	}
	info, err := os.Lstat(path)
	if err != nil {
		return nil, "", false, err
	}
	if info.Mode()&fs.ModeSymlink != 0 || !r.Inside(path) {
		return r.ReadPrefix(path, max)
	}
	data, truncated, err := readRegular(path, path, info, max)
	return data, path, truncated, err
}

// ReadPrefix is Read for files that may be used in part: a file longer
// than max yields its first max bytes and truncated.
func (r *Reader) ReadPrefix(path string, max int64) (data []byte, real string, truncated bool, err error) {
	real, err = r.Resolve(path)
	if err != nil {
		return nil, "", false, err
	}
	// Look before opening: opening a named pipe blocks until a writer
	// comes, and opening a device can have effects of its own.
	info, err := os.Lstat(real)
	if err != nil {
		return nil, "", false, err
	}
	data, truncated, err = readRegular(path, real, info, max)
	return data, real, truncated, err
}

// readRegular reads real, which Lstat described as info, if it is a
// regular file: at most max bytes, truncated when there was more.
func readRegular(path, real string, info fs.FileInfo, max int64) (data []byte, truncated bool, err error) {
	if !info.Mode().IsRegular() {
		return nil, false, &NotRegularError{Path: path, Mode: info.Mode()}
	}
	data, err = readOpened(path, real, info, max)
	if err != nil {
		return nil, false, err
	}
	data, truncated = cutAt(data, max)
	return data, truncated, nil
}

// cutAt cuts what readOpened read (at most max+1 bytes) to max bytes,
// saying whether there was more.
func cutAt(data []byte, max int64) ([]byte, bool) {
	if int64(len(data)) > max {
		return data[:max], true
	}
	return data, false
}

func realPath(p string) string {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	return p
}

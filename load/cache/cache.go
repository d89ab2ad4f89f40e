// Package cache keeps what reading a revision file produced (its
// lint.Revision, operations included) between runs, so that a repeated
// check reads and hashes the files but does not parse them again.
//
// Entries are content-addressed: an entry is found by the SHA-256 of the
// file's bytes, inside a pack whose name says which binary wrote it (its
// version, path, size and modification time) and with which settings
// (the dialect, which the operations depend on). Any change to a file, to
// the tool or to those settings therefore misses; nothing is ever
// invalidated by hand. A project's entries live in one pack file, because
// reading or writing one file per revision costs more than parsing it.
// Packs are replaced by renaming a complete temporary file, so concurrent
// runs never see a partial pack; a damaged pack reads as empty. A pack is
// mapped while a run uses it (map_unix.go): one truncated or rewritten in
// place by something else during a run is not supported.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Cache is a directory of packs.
type Cache struct {
	dir   string
	tool  string
	codec *codec
}

// DirEnv names the environment variable that moves the cache directory
// (tests and CI point it somewhere of their own).
const DirEnv = "MIGRATE_LINT_CACHE_DIR"

// Dir is the cache directory: $MIGRATE_LINT_CACHE_DIR, else migrate-lint
// under the user's cache directory (~/.cache, ~/Library/Caches, ...).
func Dir() (string, error) {
	if d := os.Getenv(DirEnv); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w", err)
	}
	return filepath.Join(d, "migrate-lint"), nil
}

// Open returns the cache in dir, for the tool of the given version. The
// directory is made when a pack is first written.
func Open(dir, version string) (*Cache, error) {
	c, err := codecOf(reflect.TypeFor[record]())
	if err != nil {
		return nil, err
	}
	return &Cache{dir: filepath.Join(dir, "extract-v1"), tool: toolIdentity(version), codec: c}, nil
}

// toolIdentity names the running binary: a rebuilt binary, even of the
// same version, parses with different code and must not read old packs.
func toolIdentity(version string) string {
	id := version
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf("\x00%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	return id
}

// Lookup is the cache as one run of one project sees it: the entries of
// its pack, and those the run adds. It is safe for concurrent use; a nil
// Lookup misses and keeps nothing.
type Lookup struct {
	c       *Cache
	codec   *codec // of the pack's records
	path    string
	entries map[[sha256.Size]byte][]byte
	mu      sync.Mutex
	used    map[[sha256.Size]byte][]byte
	added   int
}

// Lookup opens the pack of a project (its root directory) read with the
// given settings: what, besides a file's bytes, decides what reading it
// produces (today the dialect).
func (c *Cache) Lookup(project string, settings ...string) *Lookup {
	if c == nil {
		return nil
	}
	return c.open(c.codec, project, settings...)
}

// open opens a pack of records of one codec.
func (c *Cache) open(codec *codec, project string, settings ...string) *Lookup {
	h := sha256.New()
	for _, s := range append([]string{c.tool, project}, settings...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	l := &Lookup{
		c:       c,
		codec:   codec,
		path:    filepath.Join(c.dir, hex.EncodeToString(h.Sum(nil)[:16])+".pack"),
		entries: map[[sha256.Size]byte][]byte{},
		used:    map[[sha256.Size]byte][]byte{},
	}
	if data, release, err := readPack(l.path); err == nil {
		if err := l.index(data); err != nil {
			l.entries = map[[sha256.Size]byte][]byte{}
			release() // nothing was decoded from it
		}
	}
	return l
}

const magic = "migrate-lint extract pack 1\n"

// index reads a pack: magic, then entries of a SHA-256, a length and
// the encoded revision.
func (l *Lookup) index(data []byte) error {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return errCorrupt
	}
	rest := data[len(magic):]
	for len(rest) > 0 {
		if len(rest) < sha256.Size {
			return errCorrupt
		}
		var key [sha256.Size]byte
		copy(key[:], rest)
		n, w := binary.Uvarint(rest[sha256.Size:])
		if w <= 0 || n > uint64(len(rest)-sha256.Size-w) {
			return errCorrupt
		}
		start := sha256.Size + w
		l.entries[key] = rest[start : start+int(n)]
		rest = rest[start+int(n):]
	}
	return nil
}

// Get returns the revision read from a file with these bytes, as if read
// from file now, and what else was kept with it.
func (l *Lookup) Get(file string, data []byte) (*lint.Revision, Extra, bool) {
	if l == nil {
		return nil, Extra{}, false
	}
	var e record
	if !get(l, data, &e) {
		return nil, Extra{}, false
	}
	rev := &e.Revision
	rev.File = file
	return rev, e.Extra, true
}

// get decodes into v the entry of a file with these bytes, if the pack
// has one, and keeps the entry for the next pack.
func get[T any](l *Lookup, data []byte, v *T) bool {
	key := sha256.Sum256(data)
	entry, ok := l.entries[key]
	if !ok {
		return false
	}
	if err := decode(l.codec, entry, v); err != nil {
		return false
	}
	l.mu.Lock()
	l.used[key] = entry
	l.mu.Unlock()
	return true
}

// put keeps an encoded entry for a file with these bytes.
func (l *Lookup) put(data, entry []byte) {
	key := sha256.Sum256(data)
	l.mu.Lock()
	l.used[key] = entry
	l.added++
	l.mu.Unlock()
}

// Put keeps the revision read from a file with these bytes, and what else
// the loader derived from them.
func (l *Lookup) Put(file string, data []byte, rev *lint.Revision, extra Extra) {
	if l == nil {
		return
	}
	e := newRecord(rev)
	e.Extra = extra
	l.put(data, encode(l.codec, nil, &e))
}

// Extra is what the loader derives from a file's bytes besides its
// revision, kept with it so that a cached file is not searched again:
// the tables its bytes create (for the project's history) and whether it
// creates tables in a way that cannot be read.
type Extra struct {
	CreatedTables []string
	Opaque        bool
}

// Save writes the pack when the run added entries: the entries this run
// used, so that files deleted or changed long ago do not keep it growing.
// A pack only read is touched, so that pruning keeps it. A failure to
// write is not an error of the run: the next run misses.
func (l *Lookup) Save() error {
	if l == nil {
		return nil
	}
	if l.added == 0 {
		if info, err := os.Stat(l.path); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			now := time.Now()
			_ = os.Chtimes(l.path, now, now)
		}
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(l.path), "pack-*.tmp")
	if err != nil {
		return err
	}
	err = l.write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), l.path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	prune(filepath.Dir(l.path))
	return err
}

// packLifetime is how long a pack nobody uses is kept: projects checked
// out once (CI workspaces, temporary directories) leave packs behind.
const packLifetime = 30 * 24 * time.Hour

// prune removes packs unused for packLifetime, and temporary files that a
// killed run left.
func prune(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		age := time.Since(info.ModTime())
		switch {
		case strings.HasSuffix(e.Name(), ".pack") && age > packLifetime,
			strings.HasSuffix(e.Name(), ".tmp") && age > time.Hour:
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func (l *Lookup) write(w io.Writer) error {
	buf := []byte(magic)
	for key, entry := range l.used {
		buf = append(buf, key[:]...)
		buf = binary.AppendUvarint(buf, uint64(len(entry)))
		buf = append(buf, entry...)
	}
	_, err := w.Write(buf)
	return err
}

// record is what a pack holds for a file: the revision, without its
// path (the file's bytes are the key), and the loader's extra facts.
type record struct {
	Revision lint.Revision
	Extra    Extra
}

func newRecord(rev *lint.Revision) record {
	e := record{Revision: *rev}
	e.Revision.File = ""
	return e
}

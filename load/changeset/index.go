package changeset

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// trackedPaths returns the paths git tracks in the checkout at top (slash
// separated, relative to top), read from its index file without starting
// git: the change set asks `git status` only for files the index lacks,
// and on a clean checkout (CI) that question, a process of 10 ms and a
// walk of the working tree, is not asked at all.
//
// ok is false wherever the index cannot be read this simply, and the
// caller asks git: the environment names another repository or index, the
// index is split or sparse, of an unknown version or hash, larger than
// maxIndexSize, or damaged. The index is the checkout's, not the pull
// request's: actions/checkout and git write it; still, nothing here
// trusts a length it has not checked.
func trackedPaths(top string) (paths map[string]bool, ok bool) {
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"} {
		if os.Getenv(v) != "" {
			return nil, false
		}
	}
	dir, ok := gitDir(top)
	if !ok {
		return nil, false
	}
	f, err := os.Open(filepath.Join(dir, "index"))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIndexSize+1))
	if err != nil || len(data) > maxIndexSize {
		return nil, false
	}
	return parseIndex(data)
}

// maxIndexSize bounds the index read: a checkout of 100,000 files has an
// index of about 10 MiB; git status is the better answer past that.
const maxIndexSize = 32 << 20

// gitDir is the repository directory of the checkout at top: top/.git, or
// where a .git file points (a worktree made by git worktree add, a
// submodule).
func gitDir(top string) (string, bool) {
	dotGit := filepath.Join(top, ".git")
	info, err := os.Lstat(dotGit)
	if err != nil {
		return "", false
	}
	if info.IsDir() {
		return dotGit, true
	}
	if !info.Mode().IsRegular() || info.Size() > 4096 {
		return "", false
	}
	b, err := os.ReadFile(dotGit)
	if err != nil {
		return "", false
	}
	dir, found := strings.CutPrefix(strings.TrimRight(string(b), "\r\n"), "gitdir: ")
	if !found || dir == "" || strings.ContainsAny(dir, "\n\x00") {
		return "", false
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(top, dir)
	}
	return dir, true
}

// Index file layout (git's Documentation/gitformat-index.txt): a header
// ("DIRC", version, entry count), the entries sorted by path, extensions
// (a four-byte signature and a length each), and a SHA-1 of all that.
const (
	indexHeaderSize = 12
	entryFixedSize  = 62 // stat data (40), object name (20), flags (2)
	sha1Size        = 20
	extendedFlag    = 0x4000
	modeTypeMask    = 0o170000
	modeDirectory   = 0o040000 // a sparse index's directory entry
)

// parseIndex reads the paths of an index file of version 2, 3 or 4 in a
// SHA-1 repository; anything else, a checksum that does not match, or any
// inconsistency, is not ok. (A file cut short can look whole to the
// layout alone. A checksum of zeros is git's index.skipHash, accepted as
// git accepts it.)
func parseIndex(data []byte) (map[string]bool, bool) {
	if len(data) < indexHeaderSize+sha1Size || string(data[:4]) != "DIRC" {
		return nil, false
	}
	if sum := data[len(data)-sha1Size:]; !bytes.Equal(sum, make([]byte, sha1Size)) {
		if want := sha1.Sum(data[:len(data)-sha1Size]); !bytes.Equal(sum, want[:]) {
			return nil, false
		}
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, false
	}
	count := binary.BigEndian.Uint32(data[8:12])
	if uint64(count) > uint64(len(data)/entryFixedSize) {
		return nil, false
	}
	end := len(data) - sha1Size
	paths := make(map[string]bool, count)
	pos, prev := indexHeaderSize, ""
	for range count {
		if pos+entryFixedSize > end {
			return nil, false
		}
		mode := binary.BigEndian.Uint32(data[pos+24 : pos+28])
		flags := binary.BigEndian.Uint16(data[pos+60 : pos+62])
		if mode&modeTypeMask == modeDirectory {
			return nil, false
		}
		name := pos + entryFixedSize
		if flags&extendedFlag != 0 {
			if version < 3 {
				return nil, false
			}
			name += 2
		}
		if name > end {
			return nil, false
		}
		var path string
		if version == 4 {
			// The path is the previous one less `strip` bytes, then a
			// NUL-terminated suffix; no padding.
			strip, n := indexVarint(data[name:end])
			if n == 0 || strip > uint64(len(prev)) {
				return nil, false
			}
			nul := bytes.IndexByte(data[name+n:end], 0)
			if nul < 0 {
				return nil, false
			}
			path = prev[:len(prev)-int(strip)] + string(data[name+n:name+n+nul])
			pos = name + n + nul + 1
		} else {
			// NUL-terminated, then padded with NULs to a multiple of
			// eight bytes counted from the entry's start.
			nul := bytes.IndexByte(data[name:end], 0)
			if nul < 0 {
				return nil, false
			}
			path = string(data[name : name+nul])
			pos += (name - pos + nul + 8) &^ 7
			if pos > end {
				return nil, false
			}
		}
		if path == "" || path < prev {
			return nil, false // entries are sorted; a disorder is damage
		}
		paths[path] = true
		prev = path
	}
	// Extensions, then exactly the checksum. A split index ("link") holds
	// only some entries here; a sparse one ("sdir") has directories.
	for pos < end {
		if pos+8 > end {
			return nil, false
		}
		sig := string(data[pos : pos+4])
		size := uint64(binary.BigEndian.Uint32(data[pos+4 : pos+8]))
		if sig == "link" || sig == "sdir" || size > uint64(end-pos-8) {
			return nil, false
		}
		pos += 8 + int(size)
	}
	return paths, pos == end
}

// indexVarint decodes git's offset varint (varint.c): seven bits a byte,
// high bit set on all but the last, each continuation adding one. It
// returns the value and the bytes read, 0 when b holds no whole varint or
// it overflows.
func indexVarint(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	val := uint64(c & 127)
	n := 1
	for c&128 != 0 {
		val++
		if val == 0 || val>>57 != 0 {
			return 0, 0
		}
		if n >= len(b) {
			return 0, 0
		}
		c = b[n]
		n++
		val = val<<7 + uint64(c&127)
	}
	return val, n
}

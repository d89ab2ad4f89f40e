package changeset

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrNotAtBase is a file that the base ref does not hold as a regular
// file: absent there, or a symbolic link, a directory or a submodule.
var ErrNotAtBase = errors.New("not a regular file at the base")

// FileAtBase returns the content of path (absolute, inside the checkout
// holding it) as the base ref holds it, at most max bytes. It is how a
// setting that only the base branch may grant (allow-roots in GitHub
// mode) is checked against what the pull request's checkout says: the
// content comes from git's objects, never from the working tree, so
// nothing the change did to the file (a symbolic link included) is read.
// Two git processes: ls-tree for the entry's mode and size, cat-file for
// its content.
func FileAtBase(path, base string, max int64) ([]byte, error) {
	if err := checkRef(base); err != nil {
		return nil, err
	}
	cs := &ChangeSet{}
	dir := realPath(filepath.Dir(path))
	top, err := cs.topLevel(dir)
	if err != nil {
		return nil, err
	}
	// The directory's links are resolved, the file's own name is not:
	// the base's entry of that name is wanted, not what a link the
	// change made points at.
	relDir, ok := within(top, dir)
	if !ok {
		return nil, fmt.Errorf("%s is outside the git checkout %s", path, top)
	}
	rel := filepath.Base(path)
	if relDir != "." {
		rel = relDir + "/" + rel
	}
	// "<mode> <type> <object> <size>\t<path>\0"; nothing for a path the
	// base does not have.
	out, err := cs.git(top, nil, "ls-tree", "-l", "-z", "--full-tree", base, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", rel, base, err)
	}
	meta, _, found := bytes.Cut(bytes.TrimSuffix(out, []byte{0}), []byte{'\t'})
	fields := strings.Fields(string(meta))
	if !found || len(fields) != 4 || fields[1] != "blob" || (fields[0] != "100644" && fields[0] != "100755") {
		return nil, fmt.Errorf("%s at %s: %w", rel, base, ErrNotAtBase)
	}
	size, err := strconv.ParseInt(fields[3], 10, 64)
	if err != nil || size > max {
		return nil, fmt.Errorf("%s at %s: larger than %d bytes", rel, base, max)
	}
	data, err := cs.git(top, nil, "cat-file", "blob", fields[2])
	if err != nil {
		return nil, fmt.Errorf("%s at %s: %w", rel, base, err)
	}
	return data, nil
}

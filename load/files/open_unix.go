//go:build unix && !linux

package files

import (
	"os"
	"syscall"
)

// openRegular opens a path already checked to be a regular file without
// following a link and without blocking, should it have been replaced by
// a named pipe since.
func openRegular(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

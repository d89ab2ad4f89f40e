//go:build !unix

package files

import "os"

// openRegular opens a path already checked to be a regular file.
func openRegular(path string) (*os.File, error) { return os.Open(path) }

//go:build !linux

package files

import (
	"io"
	"io/fs"
	"os"
)

// readOpened opens real, which Lstat described as info, checks that it is
// still that regular file, and reads at most max+1 bytes of it.
func readOpened(path, real string, info fs.FileInfo, max int64) ([]byte, error) {
	f, err := openRegular(real)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been swapped since it was looked at.
	if opened, err := f.Stat(); err != nil || !opened.Mode().IsRegular() || !os.SameFile(info, opened) {
		return nil, &NotRegularError{Path: path, Mode: fs.ModeIrregular}
	}
	buf := make([]byte, 0, min(info.Size(), max)+1)
	return readAll(io.LimitReader(f, max+1), buf)
}

// readListedRegular is, off Linux, left to the caller's Lstat (ok false).
func readListedRegular(path string, max int64) (data []byte, ok bool, err error) {
	return nil, false, nil
}

func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// openAhead is, off Linux, left to the caller's slow way (ok false).
func openAhead(path string, max int64) (fd int, ok bool, err error) { return -1, false, nil }

// readAhead is never reached off Linux: openAhead opens nothing.
func readAhead(path string, fd int, max int64) ([]byte, error) {
	return nil, &fs.PathError{Op: "read", Path: path, Err: fs.ErrInvalid}
}

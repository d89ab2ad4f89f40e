package files

import (
	"io/fs"
	"syscall"
)

// readOpened opens real, which Lstat described as info, checks that it is
// still that regular file, and reads at most max+1 bytes of it: the
// system calls os.File makes for it (open, fstat, read to the end,
// close) without the rest (registering with the poller, which fails for
// a regular file, and the File's own allocation and finalizer). A check
// reads every revision file and every module of the project, where a
// system call costs microseconds. Errors are os's, *fs.PathError naming
// real.
func readOpened(path, real string, info fs.FileInfo, max int64) ([]byte, error) {
	var fd int
	var err error
	for {
		// Without following a link and without blocking, should it have
		// been replaced by a named pipe since it was looked at.
		fd, err = syscall.Open(real, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: real, Err: err}
	}
	defer syscall.Close(fd)
	// The file may have been swapped since it was looked at.
	var opened syscall.Stat_t
	for {
		err = syscall.Fstat(fd, &opened)
		if err != syscall.EINTR {
			break
		}
	}
	looked, ok := info.Sys().(*syscall.Stat_t)
	if err != nil || opened.Mode&syscall.S_IFMT != syscall.S_IFREG || !ok || looked.Dev != opened.Dev || looked.Ino != opened.Ino {
		return nil, &NotRegularError{Path: path, Mode: fs.ModeIrregular}
	}
	limit := max + 1
	buf := make([]byte, 0, min(info.Size(), max)+1)
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		end := len(buf) + int(min(int64(cap(buf)-len(buf)), limit-int64(len(buf))))
		n, err := syscall.Read(fd, buf[len(buf):end])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: real, Err: err}
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	return buf, nil
}

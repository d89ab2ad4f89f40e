package files

import (
	"io/fs"
	"syscall"
)

// readOpened opens real, which Lstat described as info (nil: a directory
// listing said it is a regular file), checks that it is still that
// regular file, and reads at most max+1 bytes of it: the
// system calls os.File makes for it (open, fstat, read to the end,
// close) without the rest (registering with the poller, which fails for
// a regular file, and the File's own allocation and finalizer). A check
// reads every revision file and every module of the project, where a
// system call costs microseconds. Errors are os's, *fs.PathError naming
// real.
func readOpened(path, real string, info fs.FileInfo, max int64) ([]byte, error) {
	fd, err := openNoFollow(real)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	return readFD(path, real, fd, info, max)
}

// openNoFollow opens real for reading without following a link and
// without blocking, should it have been replaced by a named pipe since it
// was looked at. Errors are *fs.PathError naming real.
func openNoFollow(real string) (int, error) {
	for {
		fd, err := syscall.Open(real, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err == nil {
			return fd, nil
		}
		if err != syscall.EINTR {
			return -1, &fs.PathError{Op: "open", Path: real, Err: err}
		}
	}
}

// readFD checks that fd, opened on real, is the regular file Lstat
// described as info (nil: a directory listing said it is a regular file)
// and reads at most max+1 bytes of it.
func readFD(path, real string, fd int, info fs.FileInfo, max int64) ([]byte, error) {
	// The file may have been swapped since it was looked at.
	var opened syscall.Stat_t
	var err error
	for {
		err = syscall.Fstat(fd, &opened)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil || opened.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &NotRegularError{Path: path, Mode: modeOf(opened.Mode, err)}
	}
	if info != nil {
		looked, ok := info.Sys().(*syscall.Stat_t)
		if !ok || looked.Dev != opened.Dev || looked.Ino != opened.Ino {
			return nil, &NotRegularError{Path: path, Mode: fs.ModeIrregular}
		}
	}
	limit := max + 1
	buf := make([]byte, 0, min(opened.Size, max)+1)
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
		buf = buf[:len(buf)+n]
		if len(buf) < end {
			// A regular file's read comes back short only at its end:
			// no second read to be told so.
			break
		}
	}
	return buf, nil
}

// modeOf is the type of a file as fstat described it, for the message
// that refuses it.
func modeOf(mode uint32, err error) fs.FileMode {
	if err != nil {
		return fs.ModeIrregular
	}
	switch mode & syscall.S_IFMT {
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFDIR:
		return fs.ModeDir
	}
	return fs.ModeIrregular
}

// readListedRegular reads the entry name of the real directory dir, which
// its directory listing says is a regular file: the listing is the look
// before opening, so no Lstat. A link put there since is refused by the
// open (ok is false, and the caller resolves it); anything else but a
// regular file, by fstat.
func readListedRegular(path string, max int64) (data []byte, ok bool, err error) {
	fd, ok, err := openListed(path)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer syscall.Close(fd)
	data, err = readFD(path, path, fd, nil, max)
	return data, true, err
}

// openListed opens path, which its directory listing says is a regular
// file. ok is false for a link put there since (ELOOP: the caller
// resolves it the slow way); err is the open's.
func openListed(path string) (fd int, ok bool, err error) {
	fd, err = openNoFollow(path)
	if pe, isPath := err.(*fs.PathError); isPath && pe.Err == syscall.ELOOP {
		return -1, false, nil
	}
	if err != nil {
		return -1, true, err
	}
	return fd, true, nil
}

// openAhead is openListed that also asks the kernel to start reading the
// file's first max+1 bytes (POSIX_FADV_WILLNEED, which returns once the
// reads are queued): the file is read later, by readAhead, so that the
// disk works on several files at once.
func openAhead(path string, max int64) (fd int, ok bool, err error) {
	fd, ok, err = openListed(path)
	if ok && err == nil {
		adviseWillNeed(fd, max+1)
	}
	return fd, ok, err
}

// readAhead reads and closes what openAhead opened.
func readAhead(path string, fd int, max int64) ([]byte, error) {
	defer syscall.Close(fd)
	return readFD(path, path, fd, nil, max)
}

package files

import (
	"errors"
	"path/filepath"
	"syscall"
)

// Ahead reads, for one goroutine, files found by walking their
// directories, as ReadPrefixIn reads each, with the next few files opened
// and their pages asked for before the oldest is read. When the files are
// not in the page cache (a project not checked for a while), a goroutine
// that reads one file at a time waits on the disk for each, and the Go
// runtime lets few such waits overlap (a goroutine blocked in a read holds
// its processor until the runtime takes it back); asked for ahead, the
// disk reads many at once. When the files are in the page cache, the cost
// is one system call per file.
//
// Every file given to Add is read, and done called for it, by a later Add
// or by Flush; the caller must call Flush. Should done panic, the files
// still queued stay open: the process is ending (the loader's goroutines
// do not recover).
type Ahead struct {
	r     *Reader
	max   int64
	depth int
	done  func(key int, data []byte, real string, truncated bool, err error)
	queue []queued // oldest first
}

// queued is a file given to Add and not read yet.
type queued struct {
	key       int
	dir, name string
	listed    bool
	// fd is the file opened ahead, -1 when it is read the slow way.
	fd  int
	err error // the open's
}

// Ahead returns an Ahead keeping up to depth files open ahead of their
// read, reading at most limit bytes of each; done is called with each file's
// key and what ReadPrefixIn would return for it.
func (r *Reader) Ahead(limit int64, depth int, done func(key int, data []byte, real string, truncated bool, err error)) *Ahead {
	return &Ahead{r: r, max: limit, depth: max(1, depth), done: done}
}

// Add queues the entry name of the real directory dir (listedRegular as
// ReadIn's), opening it at once when it can be read without resolving,
// and reads the oldest file when depth files wait.
func (a *Ahead) Add(key int, dir, name string, listedRegular bool) {
	q := queued{key: key, dir: dir, name: name, listed: listedRegular, fd: -1}
	if path := filepath.Join(dir, name); listedRegular && a.r.Inside(path) {
		fd, ok, err := openAhead(path, a.max)
		if tooManyOpen(err) {
			// Out of file descriptors (many readers on many cores under
			// a low limit): read what is open, then try once more; if
			// that fails too, the file is read the slow way when its
			// turn comes, as it would have been without Ahead.
			a.Flush()
			fd, ok, err = openAhead(path, a.max)
			if tooManyOpen(err) {
				ok = false
			}
		}
		if ok {
			q.fd, q.err = fd, err
		}
	}
	a.queue = append(a.queue, q)
	if len(a.queue) >= a.depth {
		a.readOldest()
	}
}

// Flush reads every file still queued.
func (a *Ahead) Flush() {
	for len(a.queue) > 0 {
		a.readOldest()
	}
}

func (a *Ahead) readOldest() {
	q := a.queue[0]
	a.queue = a.queue[1:]
	path := filepath.Join(q.dir, q.name)
	switch {
	case q.err != nil:
		a.done(q.key, nil, path, false, q.err)
	case q.fd >= 0:
		data, err := readAhead(path, q.fd, a.max)
		if err != nil {
			a.done(q.key, nil, path, false, err)
			return
		}
		data, truncated := cutAt(data, a.max)
		a.done(q.key, data, path, truncated, nil)
	default:
		data, real, truncated, err := a.r.ReadPrefixIn(q.dir, q.name, q.listed, a.max)
		a.done(q.key, data, real, truncated, err)
	}
}

// tooManyOpen says whether err is the process or the system running out
// of file descriptors.
func tooManyOpen(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

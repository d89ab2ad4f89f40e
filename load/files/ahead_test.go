package files

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestAheadIsReadPrefixIn: reading through Ahead gives, for every kind of
// entry (a file, one over the cap, a named pipe, a directory, links inside
// and outside, a missing file, entries the listing did not call regular),
// what ReadPrefixIn gives, whatever the depth; each file is handed back
// once, under its key, and no file is left open.
func TestAheadIsReadPrefixIn(t *testing.T) {
	dir := listedFixture(t)
	type entry struct {
		name   string
		listed bool
	}
	var entries []entry
	for _, name := range []string{"ok.py", "big.py", "pipe.py", "sub.py", "in.py", "out.py", "missing.py", "target.py"} {
		entries = append(entries, entry{name, true}, entry{name, false})
	}
	// A file the listing calls regular in a directory outside the roots
	// is refused, not opened ahead.
	elsewhere := tempDir(t)
	write(t, filepath.Join(elsewhere, "x.py"), "outside\n")
	r := New(dir)
	type result struct {
		data      []byte
		real      string
		truncated bool
		err       string
	}
	errText := func(err error) string {
		if err == nil {
			return ""
		}
		return fmt.Sprintf("%T %v", err, err)
	}
	dirOf := func(e entry) string {
		if e.name == "x.py" {
			return elsewhere
		}
		return dir
	}
	entries = append(entries, entry{"x.py", true})
	want := make([]result, len(entries))
	for i, e := range entries {
		data, real, truncated, err := r.ReadPrefixIn(dirOf(e), e.name, e.listed, 100)
		want[i] = result{data, real, truncated, errText(err)}
	}
	if last := want[len(want)-1]; !strings.Contains(last.err, ErrOutside.Error()) {
		t.Fatalf("a file outside the roots: %+v", last)
	}
	// The comparison means something only if the entries read as the
	// kinds they are made to be.
	if string(want[0].data) != "x = 1\n" || !want[2].truncated || !strings.Contains(want[4].err, "named pipe") ||
		!strings.Contains(want[10].err, ErrOutside.Error()) || !strings.Contains(want[12].err, "no such file") ||
		string(want[8].data) != "y = 2\n" {
		t.Fatalf("the fixture reads unexpectedly: %+v", want)
	}
	fdsBefore := openFiles(t)
	for _, depth := range []int{0, 1, 3, len(entries) + 5} {
		got := make([]result, len(entries))
		calls := make([]int, len(entries))
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			ahead := r.Ahead(100, depth, func(key int, data []byte, real string, truncated bool, err error) {
				calls[key]++
				got[key] = result{data, real, truncated, errText(err)}
			})
			for i, e := range entries {
				ahead.Add(i, dirOf(e), e.name, e.listed)
			}
			ahead.Flush()
		}()
		select {
		case <-finished:
		case <-time.After(20 * time.Second):
			t.Fatalf("depth %d: reading did not return (a named pipe opened blocking?)", depth)
		}
		for i, e := range entries {
			if calls[i] != 1 {
				t.Errorf("depth %d: %s (listed %v) handed back %d times", depth, e.name, e.listed, calls[i])
			}
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("depth %d: %s (listed %v): %+v, ReadPrefixIn %+v", depth, e.name, e.listed, got[i], want[i])
			}
		}
	}
	if after := openFiles(t); after != fdsBefore {
		t.Errorf("%d files open before, %d after", fdsBefore, after)
	}
}

// TestAheadOpensAhead: the files given to Add are open before they are
// read (what lets the disk read them at once), and closed once read.
func TestAheadOpensAhead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are opened ahead on Linux only")
	}
	dir := listedFixture(t)
	r := New(dir)
	before := openFiles(t)
	read := 0
	ahead := r.Ahead(1<<20, 8, func(int, []byte, string, bool, error) { read++ })
	for i, name := range []string{"ok.py", "target.py", "big.py"} {
		ahead.Add(i, dir, name, true)
	}
	if open := openFiles(t) - before; open != 3 || read != 0 {
		t.Errorf("after three Adds at depth 8: %d files open, %d read; want 3 open, none read", open, read)
	}
	ahead.Flush()
	if open := openFiles(t) - before; open != 0 || read != 3 {
		t.Errorf("after Flush: %d files open, %d read", open, read)
	}
}

// openFiles counts this process's open file descriptors.
func openFiles(t *testing.T) int {
	t.Helper()
	if runtime.GOOS != "linux" {
		return 0
	}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readWithin reads on another goroutine and fails the test if the read
// does not come back: opening a named pipe used to block forever.
func readWithin(t *testing.T, r *Reader, path string, max int64) ([]byte, error) {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, _, err := r.Read(path, max)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-time.After(20 * time.Second):
		t.Fatalf("reading %s did not return", path)
		return nil, nil
	}
}

// TestOnlyRegularFiles: a named pipe, a device, a link to a device and a
// directory are refused without being opened; a regular file is read.
func TestOnlyRegularFiles(t *testing.T) {
	dir := tempDir(t)
	pipe := filepath.Join(dir, "pipe.py")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.toml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	r := New(dir, "/dev")
	for path, kind := range map[string]string{pipe: "a named pipe", zero: "a device", "/dev/null": "a device", dir: "a directory"} {
		_, err := readWithin(t, r, path, 1<<20)
		var nr *NotRegularError
		if !errors.As(err, &nr) || !strings.Contains(err.Error(), kind) {
			t.Errorf("%s: %v, want %s", path, err, kind)
		}
	}
	data, err := readWithin(t, r, write(t, filepath.Join(dir, "ok.py"), "x = 1\n"), 1<<20)
	if err != nil || string(data) != "x = 1\n" {
		t.Errorf("regular file: %q %v", data, err)
	}
}

// TestSizeCap: a file over the cap is an error for Read and its first
// bytes for ReadPrefix.
func TestSizeCap(t *testing.T) {
	dir := tempDir(t)
	path := write(t, filepath.Join(dir, "big.py"), strings.Repeat("a", 101))
	r := New(dir)
	var tl *TooLargeError
	if _, _, err := r.Read(path, 100); !errors.As(err, &tl) || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Errorf("Read: %v", err)
	}
	if data, _, err := r.Read(path, 101); err != nil || len(data) != 101 {
		t.Errorf("at the cap: %d bytes, %v", len(data), err)
	}
	data, real, truncated, err := r.ReadPrefix(path, 100)
	if err != nil || !truncated || len(data) != 100 || real != path {
		t.Errorf("ReadPrefix: %d bytes, truncated %v, %s, %v", len(data), truncated, real, err)
	}
	if _, _, err := r.ReadIn(dir, "big.py", false, 100); !errors.As(err, &tl) {
		t.Errorf("ReadIn: %v", err)
	}
}

// TestContainment: a link that resolves outside the roots is not read
// and is recorded once; a link that stays inside is followed; a sibling
// directory whose name starts like the root is outside.
func TestContainment(t *testing.T) {
	base := tempDir(t)
	repo, sibling, elsewhere := filepath.Join(base, "repo"), filepath.Join(base, "repo2"), filepath.Join(base, "elsewhere")
	secret := write(t, filepath.Join(elsewhere, "secret.py"), "SECRET")
	write(t, filepath.Join(sibling, "x.py"), "SIBLING")
	inside := write(t, filepath.Join(repo, "models", "a.py"), "A")
	for link, target := range map[string]string{"versions/x.py": secret, "versions/s.py": filepath.Join(sibling, "x.py"), "versions/a.py": inside, "ext": elsewhere} {
		path := filepath.Join(repo, link)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Fatal(err)
		}
	}
	r := New(repo)
	for _, link := range []string{"versions/x.py", "versions/s.py", "ext/secret.py"} {
		data, _, err := r.Read(filepath.Join(repo, link), 1<<20)
		if !errors.Is(err, ErrOutside) || len(data) != 0 {
			t.Errorf("%s: %q %v", link, data, err)
		}
	}
	if _, err := r.Resolve(filepath.Join(repo, "ext")); !errors.Is(err, ErrOutside) {
		t.Errorf("directory link: %v", err)
	}
	if data, real, err := r.Read(filepath.Join(repo, "versions", "a.py"), 1<<20); err != nil || string(data) != "A" || real != inside {
		t.Errorf("link inside: %q %s %v", data, real, err)
	}
	var got []string
	for _, f := range r.Outside() {
		got = append(got, strings.TrimPrefix(f.Path, repo+"/")+" -> "+strings.TrimPrefix(f.Real, base+"/"))
	}
	want := []string{"ext -> elsewhere", "ext/secret.py -> elsewhere/secret.py", "versions/s.py -> repo2/x.py", "versions/x.py -> elsewhere/secret.py"}
	if !slices.Equal(got, want) {
		t.Errorf("recorded %q, want %q", got, want)
	}
	// A root added for one file (an explicit --config) serves that file
	// and records on the same list.
	cfg := r.With(elsewhere)
	if data, _, err := cfg.Read(filepath.Join(repo, "versions", "x.py"), 1<<20); err != nil || string(data) != "SECRET" {
		t.Errorf("With: %q %v", data, err)
	}
	if _, _, err := cfg.Read(filepath.Join(repo, "versions", "s.py"), 1<<20); !errors.Is(err, ErrOutside) || len(r.Outside()) != 4 {
		t.Errorf("With: %v, %d recorded", err, len(r.Outside()))
	}
}

// TestResolveNeverLooksOutside: a path that leads outside the roots is
// outside whether or not its target exists, and through links inside the
// roots it resolves as the system does; a missing component inside is
// the path's own error, a link loop an error.
func TestResolveNeverLooksOutside(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, out := filepath.Join(base, "repo"), filepath.Join(base, "out")
	for _, d := range []string{filepath.Join(repo, "a", "b"), out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "there"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "a", "b", "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"up":      "../a/b",          // repo/a/up -> repo/a/b
		"there":   "../../out/there", // out, exists
		"absnt":   "../../out/absnt", // out, missing
		"abs":     filepath.Join(out, "there"),
		"loop1":   "loop2",
		"loop2":   "loop1",
		"dangles": "nowhere", // inside, missing
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(repo, "a", name)); err != nil {
			t.Fatal(err)
		}
	}
	r := New(repo)
	for _, c := range []struct {
		path, real string
		err        error // nil, ErrOutside or fs.ErrNotExist
		anyErr     bool
	}{
		{path: "a/b/f", real: "a/b/f"},
		{path: "a/up/f", real: "a/b/f"},
		{path: "a/there", err: ErrOutside},
		{path: "a/absnt", err: ErrOutside},
		{path: "a/abs", err: ErrOutside},
		{path: "a/absnt/deeper/still", err: ErrOutside},
		{path: "a/../../out/there", err: ErrOutside},
		{path: "a/../../out/absnt", err: ErrOutside},
		{path: "a/dangles", err: fs.ErrNotExist},
		{path: "a/b/missing", err: fs.ErrNotExist},
		{path: "a/loop1", anyErr: true},
	} {
		real, err := r.Resolve(filepath.Join(repo, c.path))
		switch {
		case c.anyErr:
			if err == nil {
				t.Errorf("%s: resolved to %s, want an error", c.path, real)
			}
		case c.err != nil:
			if !errors.Is(err, c.err) {
				t.Errorf("%s: %q, %v; want %v", c.path, real, err, c.err)
			}
		case err != nil || real != filepath.Join(repo, c.real):
			t.Errorf("%s: %q, %v; want %s", c.path, real, err, c.real)
		}
	}
	// What was refused is named by the link's own text, the same whether
	// or not the target exists.
	got := map[string]string{}
	for _, f := range r.Outside() {
		got[strings.TrimPrefix(f.Path, repo+"/")] = f.Real
	}
	if got["a/there"] != filepath.Join(out, "there") || got["a/absnt"] != filepath.Join(out, "absnt") {
		t.Errorf("refused: %v", got)
	}
}

// TestReadListed: an entry that a directory listing said is a regular
// file is read without an Lstat, and whatever has taken its place since
// is treated as the other readers treat it: a named pipe or a directory
// is refused without blocking, a link is resolved (and refused when it
// leads outside), a file over the cap is cut or refused.
func TestReadListed(t *testing.T) {
	dir := listedFixture(t)
	r := New(dir)
	type result struct {
		data      []byte
		real      string
		truncated bool
		err       error
	}
	read := func(name string, max int64) result {
		done := make(chan result, 1)
		go func() {
			var res result
			res.data, res.real, res.truncated, res.err = r.ReadPrefixIn(dir, name, true, max)
			done <- res
		}()
		select {
		case res := <-done:
			return res
		case <-time.After(20 * time.Second):
			t.Fatalf("reading %s did not return", name)
			return result{}
		}
	}
	if res := read("ok.py", 1<<20); res.err != nil || string(res.data) != "x = 1\n" || res.real != filepath.Join(dir, "ok.py") || res.truncated {
		t.Errorf("regular file: %+v", res)
	}
	if res := read("big.py", 100); res.err != nil || !res.truncated || len(res.data) != 100 {
		t.Errorf("over the cap: %d bytes, truncated %v, %v", len(res.data), res.truncated, res.err)
	}
	if res := read("big.py", 101); res.err != nil || res.truncated || len(res.data) != 101 {
		t.Errorf("at the cap: %d bytes, truncated %v, %v", len(res.data), res.truncated, res.err)
	}
	if _, _, err := r.ReadIn(dir, "big.py", true, 100); !errors.As(err, new(*TooLargeError)) {
		t.Errorf("ReadIn over the cap: %v", err)
	}
	for name, kind := range map[string]string{"pipe.py": "a named pipe", "sub.py": "a directory"} {
		var nr *NotRegularError
		if res := read(name, 1<<20); !errors.As(res.err, &nr) || !strings.Contains(res.err.Error(), kind) {
			t.Errorf("%s: %v, want %s", name, res.err, kind)
		}
	}
	if res := read("in.py", 1<<20); res.err != nil || string(res.data) != "y = 2\n" || res.real != filepath.Join(dir, "target.py") {
		t.Errorf("link inside: %+v", res)
	}
	if res := read("out.py", 1<<20); !errors.Is(res.err, ErrOutside) || len(res.data) != 0 {
		t.Errorf("link outside: %q %v", res.data, res.err)
	}
	if res := read("missing.py", 1<<20); !errors.Is(res.err, fs.ErrNotExist) {
		t.Errorf("missing: %v", res.err)
	}
}

// listedFixture is a directory of one entry of each kind a listing can
// show: ok.py and target.py (regular), big.py (101 bytes), pipe.py (a
// named pipe), sub.py (a directory), in.py (a link to target.py) and
// out.py (a link to a file outside the directory).
func listedFixture(t *testing.T) string {
	t.Helper()
	dir := tempDir(t)
	outside := write(t, filepath.Join(tempDir(t), "secret.py"), "secret\n")
	write(t, filepath.Join(dir, "ok.py"), "x = 1\n")
	write(t, filepath.Join(dir, "target.py"), "y = 2\n")
	write(t, filepath.Join(dir, "big.py"), strings.Repeat("a", 101))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.py"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"in.py": "target.py", "out.py": outside} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

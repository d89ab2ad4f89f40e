package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/ops"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// fixtures returns real revision files of the repository's rule fixtures,
// parsed and lowered as the loader does.
func fixtures(t testing.TB) (files []string, data [][]byte, revs []*lint.Revision) {
	paths, _ := filepath.Glob("../../rules/testdata/*/*.py")
	if len(paths) < 50 {
		t.Fatalf("only %d fixtures", len(paths))
	}
	p := python.NewParser()
	defer p.Close()
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rev := p.ParseRevision(path, b)
		rev.Ops = ops.Lower(rev, lint.PostgreSQL)
		files, data, revs = append(files, path), append(data, b), append(revs, rev)
	}
	return files, data, revs
}

// extraOf is what TestRoundTrip keeps with file i besides its revision.
func extraOf(i int) Extra {
	return Extra{CreatedTables: []string{fmt.Sprint("table_", i), "other"}[:1+i%2], Opaque: i%3 == 0}
}

// TestRoundTrip: every fixture comes back from a saved pack equal to what
// parsing gave, create_table's columns included, in a new Lookup as a
// later run would open it.

func TestRoundTrip(t *testing.T) {
	files, data, revs := fixtures(t)
	c, err := Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	l := c.Lookup("/project", "postgresql")
	for i := range files {
		if _, _, ok := l.Get(files[i], data[i]); ok {
			t.Fatalf("%s: a hit in an empty cache", files[i])
		}
		l.Put(files[i], data[i], revs[i], extraOf(i))
	}
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	again := c.Lookup("/project", "postgresql")
	defined := 0
	for i := range files {
		got, extra, ok := again.Get(files[i], data[i])
		if !ok {
			t.Fatalf("%s: missed after Save", files[i])
		}
		if !reflect.DeepEqual(extra, extraOf(i)) {
			t.Errorf("%s: extra %+v, want %+v", files[i], extra, extraOf(i))
		}
		if !reflect.DeepEqual(got, revs[i]) {
			t.Errorf("%s: the cached revision differs from the parsed one", files[i])
		}
		for _, op := range append(append([]lint.Op{}, got.Ops.Upgrade...), got.Ops.Downgrade...) {
			if cols, _ := op.Declared(); len(cols) > 0 {
				defined++
			}
		}
	}
	if defined == 0 {
		t.Fatal("no create_table with its columns in the fixtures")
	}
}

// TestKeys: another project, another dialect, another tool or other bytes
// miss; the same bytes under another name hit and carry the new name.
func TestKeys(t *testing.T) {
	files, data, revs := fixtures(t)
	dir := t.TempDir()
	c, err := Open(dir, "1.0")
	if err != nil {
		t.Fatal(err)
	}
	l := c.Lookup("/project", "postgresql")
	l.Put(files[0], data[0], revs[0], Extra{})
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	other, _ := Open(dir, "1.1")
	changed := append(append([]byte{}, data[0]...), ' ')
	for name, lookup := range map[string]func() (*lint.Revision, bool){
		"another project": func() (*lint.Revision, bool) {
			r, _, ok := c.Lookup("/other", "postgresql").Get(files[0], data[0])
			return r, ok
		},
		"another dialect": func() (*lint.Revision, bool) {
			r, _, ok := c.Lookup("/project", "mysql").Get(files[0], data[0])
			return r, ok
		},
		"another version": func() (*lint.Revision, bool) {
			r, _, ok := other.Lookup("/project", "postgresql").Get(files[0], data[0])
			return r, ok
		},
		"other bytes": func() (*lint.Revision, bool) {
			r, _, ok := c.Lookup("/project", "postgresql").Get(files[0], changed)
			return r, ok
		},
	} {
		if _, ok := lookup(); ok {
			t.Errorf("%s: hit", name)
		}
	}
	got, _, ok := c.Lookup("/project", "postgresql").Get("/elsewhere/copy.py", data[0])
	if !ok || got.File != "/elsewhere/copy.py" {
		t.Fatalf("same bytes under another name: ok %v, file %q", ok, got.File)
	}
}

// TestDamagedPack: a pack cut short or overwritten reads as empty, and
// entries cut at every length fail to decode instead of panicking.
func TestDamagedPack(t *testing.T) {
	files, data, revs := fixtures(t)
	c, err := Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	l := c.Lookup("/p", "postgresql")
	l.Put(files[0], data[0], revs[0], Extra{})
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	pack, err := os.ReadFile(l.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, damaged := range [][]byte{pack[:len(pack)-7], []byte("garbage"), append([]byte(magic), 0xff, 0xff)} {
		// Replaced as Save replaces packs, never written in place: a
		// pack may be mapped while it is in use.
		tmp := l.path + ".tmp"
		if err := os.WriteFile(tmp, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, l.path); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := c.Lookup("/p", "postgresql").Get(files[0], data[0]); ok {
			t.Errorf("a damaged pack of %d bytes gave a hit", len(damaged))
		}
	}
	rec := newRecord(revs[0])
	entry := encode(c.codec, nil, &rec)
	for n := 0; n < len(entry); n++ {
		var e record
		if err := decode(c.codec, entry[:n], &e); err == nil {
			t.Fatalf("an entry cut to %d of %d bytes decoded", n, len(entry))
		}
	}
}

// TestPrune: packs unused for longer than their lifetime go, others stay.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, "old.pack"), filepath.Join(dir, "fresh.pack")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte(magic), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := packLifetimeAgo()
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	prune(dir)
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "fresh.pack" {
		t.Fatalf("after pruning: %v", names)
	}
}

func packLifetimeAgo() time.Time { return time.Now().Add(-packLifetime - time.Hour) }

// BenchmarkGet decodes a cached fixture revision (per revision).
func BenchmarkGet(b *testing.B) {
	files, data, revs := fixtures(b)
	c, _ := Open(b.TempDir(), "bench")
	l := c.Lookup("/p", "postgresql")
	for i := range files {
		l.Put(files[i], data[i], revs[i], Extra{})
	}
	if err := l.Save(); err != nil {
		b.Fatal(err)
	}
	l = c.Lookup("/p", "postgresql")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, _, ok := l.Get(files[i%len(files)], data[i%len(files)]); !ok {
			b.Fatal("miss")
		}
	}
}

// BenchmarkPut encodes a fixture revision (per revision).
func BenchmarkPut(b *testing.B) {
	files, data, revs := fixtures(b)
	c, _ := Open(b.TempDir(), "bench")
	l := c.Lookup("/p", "postgresql")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		l.Put(files[i%len(files)], data[i%len(files)], revs[i%len(files)], Extra{})
	}
}

// TestCodecKinds: every kind of field a revision may grow round-trips,
// unexported ones included.
func TestCodecKinds(t *testing.T) {
	type inner struct {
		hidden bool
		N      int8
	}
	type value struct {
		S     string
		I     int
		U     uint16
		F     float64
		B     bool
		P     *inner
		Nil   *inner
		L     []inner
		Empty []string
		A     [2]string
		M     map[string][]int
		NilM  map[string]int
		I32   int32
		I64   int64
		lower string
	}
	c, err := codecOf(reflect.TypeFor[value]())
	if err != nil {
		t.Fatal(err)
	}
	in := value{S: "s", I: -3, U: 7, F: 1.5, B: true, P: &inner{true, -1}, L: []inner{{false, 2}}, Empty: []string{},
		A: [2]string{"a", "b"}, M: map[string][]int{"k": {1, 2}}, I32: -1 << 20, I64: 1 << 40, lower: "x"}
	var out value
	if err := decode(c, encode(c, nil, &in), &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("got %+v, want %+v", out, in)
	}
	type withInterface struct {
		S []string
		X any
	}
	for range 2 {
		if _, err := codecOf(reflect.TypeFor[withInterface]()); err == nil {
			t.Fatal("an interface field was accepted")
		}
	}
}

// TestModulesRoundTrip: modules (the rule fixtures, read as modules)
// come back from a saved pack equal to what parsing gave; other bytes
// miss; a module changed by the caller after Get or before Put does not
// change what the pack holds.
func TestModulesRoundTrip(t *testing.T) {
	files, data, p, c := moduleFixtures(t)
	m := c.Modules("/project")
	parsed := make([]*python.Module, len(files))
	for i := range files {
		if _, ok := m.Get(data[i]); ok {
			t.Fatalf("%s: a hit in an empty cache", files[i])
		}
		parsed[i] = p.ParseModule(data[i])
		m.Put(data[i], parsed[i])
		parsed[i].Identifiers["changed_after_put"] = true
	}
	if err := m.Save(); err != nil {
		t.Fatal(err)
	}
	again := c.Modules("/project")
	for i := range files {
		got, ok := again.Get(data[i])
		if !ok {
			t.Fatalf("%s: missed after Save", files[i])
		}
		if !reflect.DeepEqual(got, p.ParseModule(data[i])) {
			t.Errorf("%s: the cached module differs from the parsed one", files[i])
		}
		got.Identifiers["__package__"] = true
		if again, _ := again.Get(data[i]); again.Identifiers["__package__"] {
			t.Errorf("%s: a change to one Get's module shows in the next", files[i])
		}
	}
	if _, ok := again.Get(append([]byte("#\n"), data[0]...)); ok {
		t.Error("other bytes hit")
	}
	if _, _, ok := c.Lookup("/project").Get(files[0], data[0]); ok {
		t.Error("the revisions' pack holds a module's entry")
	}
}

// moduleFixtures are the fixtures read as modules, a parser (closed when
// the test ends) and an empty cache.
func moduleFixtures(t *testing.T) ([]string, [][]byte, *python.Parser, *Cache) {
	files, data, _ := fixtures(t)
	p := python.NewParser()
	t.Cleanup(p.Close)
	c, err := Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return files, data, p, c
}

// TestModulePartsKeptApart: what ParseImports or ParseOutline read from
// some bytes comes back from Part after Save, and never answers a Get of
// the same bytes (a whole module), nor a whole module or the other
// reading a Part: each reading has a pack of its own (keys made apart by
// a prefix would let a file that starts with the prefix get a partial
// reading as its whole module).
func TestModulePartsKeptApart(t *testing.T) {
	files, data, p, c := moduleFixtures(t)
	m := c.Modules("/project")
	m.Put(data[0], p.ParseModule(data[0]))
	m.PutPart(python.Imports, data[1], p.ParseImports(data[1]))
	m.PutPart(python.Outline, data[2], p.ParseOutline(data[2]))
	if err := m.Save(); err != nil {
		t.Fatal(err)
	}
	// In packs of their own: no key of one reading is another's.
	if packs, _ := filepath.Glob(filepath.Join(c.dir, "*.pack")); len(packs) != 3 {
		t.Errorf("packs %v: want the whole modules' and one for each partial reading", packs)
	}
	again := c.Modules("/project")
	for _, r := range []python.Reading{python.Imports, python.Outline} {
		if _, ok := again.Part(r, data[0]); ok {
			t.Errorf("%s: Part(%d) answered with the whole module", files[0], r)
		}
	}
	if _, ok := again.Get(data[1]); ok {
		t.Errorf("%s: Get answered with the imports only", files[1])
	}
	if _, ok := again.Part(python.Outline, data[1]); ok {
		t.Errorf("%s: the outline answered with the imports only", files[1])
	}
	if _, ok := again.Part(python.Imports, data[2]); ok {
		t.Errorf("%s: the imports answered with the outline", files[2])
	}
	// A file whose bytes are a prefix and another file's: no reading of
	// the other file answers for it.
	for _, prefix := range []string{"part 1\x00", "part 2\x00", "imports only\x00", "read in part 1\x00"} {
		if _, ok := again.Get(append([]byte(prefix), data[1]...)); ok {
			t.Errorf("Get of %q and %s's bytes answered", prefix, files[1])
		}
	}
	for r, i := range map[python.Reading]int{python.Imports: 1, python.Outline: 2} {
		got, ok := again.Part(r, data[i])
		if !ok {
			t.Fatalf("%s: reading %d missed after Save", files[i], r)
		}
		want := p.ParseImports(data[i])
		if r == python.Outline {
			want = p.ParseOutline(data[i])
		}
		if !reflect.DeepEqual(got, want) || got.Reading != r {
			t.Errorf("%s: the cached reading %d differs from the read one:\n%+v\n%+v", files[i], r, got, want)
		}
	}
}

// BenchmarkModules: one module (the fixtures read as modules) parsed,
// and taken from a saved pack as a warm check takes each module the
// setup would otherwise parse; side by side.
func BenchmarkModules(b *testing.B) {
	_, data, _ := fixtures(b)
	p := python.NewParser()
	defer p.Close()
	b.Run("parse", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			p.ParseModule(data[i%len(data)])
		}
	})
	c, _ := Open(b.TempDir(), "bench")
	m := c.Modules("/p")
	for i := range data {
		m.Put(data[i], p.ParseModule(data[i]))
	}
	if err := m.Save(); err != nil {
		b.Fatal(err)
	}
	m = c.Modules("/p")
	b.Run("cached", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, ok := m.Get(data[i%len(data)]); !ok {
				b.Fatal("miss")
			}
		}
	})
}

// TestPackReplacedWhileRead: a run that decoded entries from a pack keeps
// them whole while another run replaces the pack (the pack is mapped, and
// decoded strings share its memory), and its own Save still writes what
// it used.
func TestPackReplacedWhileRead(t *testing.T) {
	files, data, revs := fixtures(t)
	c, err := Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	first := c.Lookup("/project", "postgresql")
	first.Put(files[0], data[0], revs[0], Extra{})
	if err := first.Save(); err != nil {
		t.Fatal(err)
	}
	reader := c.Lookup("/project", "postgresql")
	got, _, ok := reader.Get(files[0], data[0])
	if !ok {
		t.Fatal("missed after Save")
	}
	// Another run replaces the pack with one that holds other files only.
	other := c.Lookup("/project", "postgresql")
	for i := 1; i < 4; i++ {
		other.Put(files[i], data[i], revs[i], Extra{})
	}
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, revs[0]) {
		t.Fatal("a revision decoded before the pack was replaced changed")
	}
	reader.Put(files[5], data[5], revs[5], Extra{})
	if err := reader.Save(); err != nil {
		t.Fatal(err)
	}
	last := c.Lookup("/project", "postgresql")
	for _, i := range []int{0, 5} {
		if rev, _, ok := last.Get(files[i], data[i]); !ok || !reflect.DeepEqual(rev, revs[i]) {
			t.Errorf("%s: not kept by the Save of the run that read the replaced pack", files[i])
		}
	}
}

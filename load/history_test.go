package load

import (
	"bytes"
	"fmt"
	"math/rand"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestScanCreatesIsLinear: the byte scan of a revision with thousands of
// create_table, rename_table and Table(...).create() calls allocates in
// proportion to the file: each call used to copy the rest of the file.
// It still finds every table.
func TestScanCreatesIsLinear(t *testing.T) {
	source := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "    op.create_table(\"t%d\", sa.Column(\"id\", sa.Integer()))\n    op.rename_table(\"t%d\", \"r%d\")\n    sa.Table(\"s%d\", meta).create(bind)\n", i, i, i, i)
		}
		return []byte(b.String())
	}
	allocated := func(data []byte) (uint64, map[string]bool) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := scanCreates(data)
		runtime.ReadMemStats(&after)
		found := map[string]bool{}
		for _, name := range c.tables {
			found[name] = true
		}
		return after.TotalAlloc - before.TotalAlloc, found
	}
	small, _ := allocated(source(2000))
	large, found := allocated(source(4000))
	if ratio := float64(large) / float64(small); ratio > 2.5 {
		t.Errorf("2,000 calls allocate %d bytes, 4,000 calls %d: %.2fx", small, large, ratio)
	}
	for _, name := range []string{"t0", "r3999", "s3999"} {
		if !found[name] {
			t.Errorf("%s not found as created", name)
		}
	}
}

// TestScanCreatesAgrees: on random files made of the fragments the scan
// looks for (in any case, glued or spaced, inside strings or not), the
// five-search scan finds the tables, in the same order, and the
// opaqueness that the search per pattern found.
func TestScanCreatesAgrees(t *testing.T) {
	fragments := []string{
		"op.create_table(", "create_table(\"t\", ", "def create_table(", "  def create_table (", "sa.Table('s', meta).create(bind)",
		".create(", "create_all(", "op.rename_table('a', 'b')", "rename_table(\"x\",\"y\")", "CREATE TABLE c1 (id int)",
		"create or replace view v1 as", "create temp table t2", "alter table y rename to z", "ALTER TABLE q RENAME TO r",
		"rename table a to b", "RENAME TABLE m TO n", "Table(\"u\", m)", "open(", "read_text(", "recreate table w",
		"_create table x", "create", "rename", "table(", "(", "'", "\"", " ", "\n", "\t", "def", "x", "_", ".", "CrEaTe_TaBlE('k')",
	}
	rng := rand.New(rand.NewSource(11))
	for round := 0; round < 20000; round++ {
		var b strings.Builder
		for n := rng.Intn(12); n > 0; n-- {
			b.WriteString(fragments[rng.Intn(len(fragments))])
		}
		data := []byte(b.String())
		got, want := scanCreates(data), scanCreatesPerPattern(data)
		if !slices.Equal(got.tables, want.tables) || got.opaque != want.opaque {
			t.Fatalf("%q: tables %q opaque %v; the search per pattern found %q opaque %v", data, got.tables, got.opaque, want.tables, want.opaque)
		}
	}
}

// scanCreatesPerPattern is scanCreates as first written, one search per
// pattern: the reference the five-search version is compared with. It finds the tables a revision file's bytes create, and
// whether it creates tables in a way that cannot be read. The patterns
// of a call's arguments start at the call's "(" (the last byte of the
// word found), matched in place.
func scanCreatesPerPattern(data []byte) (c created) {
	low := bytes.ToLower(data)
	add := func(name string) { c.tables = append(c.tables, tableKey(name)) }
	each := func(word string, f func(rest []byte, at int)) {
		for at := 0; ; {
			i := bytes.Index(low[at:], []byte(word))
			if i < 0 {
				return
			}
			at += i + len(word)
			f(low[at:], at-len(word))
		}
	}
	each("create_table(", func(rest []byte, at int) {
		if bytes.HasSuffix(bytes.TrimRight(low[:at], " \t"), []byte("def")) {
			return // a helper's definition
		}
		if m := quotedArg.FindSubmatch(low[at+len("create_table"):]); m != nil {
			add(string(m[1]))
			return
		}
		c.opaque = true
	})
	each("rename_table(", func(rest []byte, at int) {
		if m := renameArgs.FindSubmatch(low[at+len("rename_table"):]); m != nil {
			add(string(m[1]))
		}
	})
	each("create", func(rest []byte, at int) {
		if at > 0 && (isWord(low[at-1])) {
			return
		}
		if m := sqlCreate.FindSubmatch(low[at:min(len(low), at+200)]); m != nil {
			add(string(m[1]))
		}
	})
	for _, word := range []string{"alter table", "rename table"} {
		each(word, func(rest []byte, at int) {
			if m := sqlRenameTo.FindSubmatch(low[at:min(len(low), at+300)]); m != nil {
				add(string(m[1]))
			}
		})
	}
	if bytes.Contains(low, []byte(".create(")) {
		// sa.Table("name", metadata, ...).create(bind)
		each("table(", func(rest []byte, at int) {
			if m := quotedArg.FindSubmatch(low[at+len("table"):]); m != nil {
				add(string(m[1]))
			}
		})
	}
	for _, sign := range []string{"create_all(", "read_text(", "open("} {
		if bytes.Contains(low, []byte(sign)) {
			c.opaque = true
		}
	}
	return c
}

// TestToLowerInto: the reused buffer gives what bytes.ToLower gives, for
// ASCII and for text that is not, and a second use does not change what
// the first returned when that came from bytes.ToLower.
func TestToLowerInto(t *testing.T) {
	var buf []byte
	for _, in := range []string{"", "OP.CREATE_TABLE('Users')", "short", "ÉTAT CREATE TABLE Ça", "Mixed\x00Bytes\xffHERE", "a much longer line than any before it, IN CAPITALS"} {
		got := toLowerInto(&buf, []byte(in))
		if want := bytes.ToLower([]byte(in)); !bytes.Equal(got, want) {
			t.Errorf("toLowerInto(%q) = %q, want %q", in, got, want)
		}
	}
	first := toLowerInto(&buf, []byte("ÀB"))
	toLowerInto(&buf, []byte("CD"))
	if string(first) != "àb" {
		t.Errorf("a non-ASCII result changed when the buffer was reused: %q", first)
	}
}

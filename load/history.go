package load

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/alembic"
)

// readHistory records what every revision creates. Revisions parsed in
// full give their lowered operations; the others (only scanned for
// metadata) are searched on their bytes, which costs a lower-casing and a
// few index searches per file instead of a parse. The byte searches the
// parse did not already make (scans[i] nil) run on every core; the
// results are merged in file order.
func readHistory(files []alembic.File, revisions []*lint.Revision, scans []*created) *lint.History {
	parallel(len(files), 64, func(i int) {
		if scans[i] == nil {
			c := scanCreates(files[i].Data)
			scans[i] = &c
		}
	})
	h := &lint.History{Created: map[string]bool{}}
	for i, rev := range revisions {
		if rev.Ops != nil {
			historyOfOps(h, rev)
		}
		// The byte scan also sees what lowering does not: Table(...).create(),
		// SQL in variables.
		for _, t := range scans[i].tables {
			h.Created[t] = true
		}
		if scans[i].opaque && h.Opaque == "" {
			h.Opaque = rev.File
		}
	}
	return h
}

// created is what a file's bytes create: table keys, and whether it
// creates tables in a way that cannot be read.
type created struct {
	tables []string
	opaque bool
}

func historyOfOps(h *lint.History, rev *lint.Revision) {
	for _, op := range rev.Ops.Upgrade {
		switch op.Kind {
		case lint.OpCreateTable, lint.OpCreateView:
			if op.Table == "" {
				if h.Opaque == "" {
					h.Opaque = rev.File
				}
				continue
			}
			h.Created[tableKey(op.Table)] = true
		case lint.OpRenameTable:
			if op.NewName != "" {
				h.Created[tableKey(op.NewName)] = true
			}
		case lint.OpCreateAll:
			if h.Opaque == "" {
				h.Opaque = rev.File
			}
		}
	}
}

var (
	quotedArg   = lazyregexp.New(`^\(\s*[rbu]?["']([^"'\n]+)["']`)
	renameArgs  = lazyregexp.New(`^\(\s*[rbu]?["'][^"'\n]+["']\s*,\s*[rbu]?["']([^"'\n]+)["']`)
	sqlCreate   = lazyregexp.New(`^create\s+(?:or\s+replace\s+)?(?:(?:global|local)\s+)?(?:temp(?:orary)?\s+|unlogged\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([\w."` + "`" + `\[\]]+)`)
	sqlRenameTo = lazyregexp.New(`^(?:alter\s+table\s+[\w."` + "`" + `\[\]]+\s+rename\s+to|rename\s+table\s+[\w."` + "`" + `\[\]]+\s+to)\s+([\w."` + "`" + `\[\]]+)`)
)

// scanCreates finds the tables a revision file's bytes create, and
// whether it creates tables in a way that cannot be read. The patterns
// of a call's arguments start at the call's "(" (the last byte of the
// word found), matched in place. It reads the file in five searches, one
// per leading word ("create" finds create_table(, create_all(, .create(
// and SQL's CREATE; "rename" both renames), where one per pattern took
// eleven: on 5,000 generated revisions the scan was 5% of a check's CPU.
// The tables come in the order the pattern-per-search version gave them
// (the extraction cache keeps them).
func scanCreates(data []byte) (c created) {
	buf := lowerBuffers.Get().(*[]byte)
	defer lowerBuffers.Put(buf)
	low := toLowerInto(buf, data)
	var madeByCall, renamedByCall, madeBySQL, alteredBySQL, renamedBySQL []string
	objectCreate := false
	each(low, "create", func(at int) {
		rest := low[at+len("create"):]
		switch {
		case bytes.HasPrefix(rest, []byte("_table(")):
			if bytes.HasSuffix(bytes.TrimRight(low[:at], " \t"), []byte("def")) {
				break // a helper's definition
			}
			if m := quotedArg.FindSubmatch(rest[len("_table"):]); m != nil {
				madeByCall = append(madeByCall, tableKey(string(m[1])))
				break
			}
			c.opaque = true
		case bytes.HasPrefix(rest, []byte("_all(")):
			c.opaque = true
		case len(rest) > 0 && rest[0] == '(' && at > 0 && low[at-1] == '.':
			objectCreate = true
		}
		if at > 0 && isWord(low[at-1]) {
			return
		}
		if m := sqlCreate.FindSubmatch(low[at:min(len(low), at+200)]); m != nil {
			madeBySQL = append(madeBySQL, tableKey(string(m[1])))
		}
	})
	each(low, "rename", func(at int) {
		rest := low[at+len("rename"):]
		switch {
		case bytes.HasPrefix(rest, []byte("_table(")):
			if m := renameArgs.FindSubmatch(rest[len("_table"):]); m != nil {
				renamedByCall = append(renamedByCall, tableKey(string(m[1])))
			}
		case bytes.HasPrefix(rest, []byte(" table")):
			if m := sqlRenameTo.FindSubmatch(low[at:min(len(low), at+300)]); m != nil {
				renamedBySQL = append(renamedBySQL, tableKey(string(m[1])))
			}
		}
	})
	each(low, "alter table", func(at int) {
		if m := sqlRenameTo.FindSubmatch(low[at:min(len(low), at+300)]); m != nil {
			alteredBySQL = append(alteredBySQL, tableKey(string(m[1])))
		}
	})
	for _, tables := range [][]string{madeByCall, renamedByCall, madeBySQL, alteredBySQL, renamedBySQL} {
		c.tables = append(c.tables, tables...)
	}
	if objectCreate {
		// sa.Table("name", metadata, ...).create(bind)
		each(low, "table(", func(at int) {
			if m := quotedArg.FindSubmatch(low[at+len("table"):]); m != nil {
				c.tables = append(c.tables, tableKey(string(m[1])))
			}
		})
	}
	if !c.opaque && (bytes.Contains(low, []byte("read_text(")) || bytes.Contains(low, []byte("open("))) {
		c.opaque = true
	}
	return c
}

// each calls f with the offset of every occurrence of word in low, left
// to right, each search starting after the last occurrence found.
func each(low []byte, word string, f func(at int)) {
	for at := 0; ; {
		i := bytes.Index(low[at:], []byte(word))
		if i < 0 {
			return
		}
		f(at + i)
		at += i + len(word)
	}
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// tableKey is a table name without schema and quotes, lower case.
func tableKey(name string) string {
	name = strings.Trim(name, "\"`[]")
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.ToLower(strings.Trim(name, "\"`[]"))
}

// lowerBuffers hold the lower-cased copies scanCreates searches: the
// copy is dropped when the scan ends, and in a run that collects garbage
// late (cmd/migrate-lint/gc.go) a new copy per file is fresh memory,
// a page fault per 4 KiB, where a reused one is not. The tables found
// are copied out of it (tableKey(string(...))).
var lowerBuffers = sync.Pool{New: func() any { return new([]byte) }}

// toLowerInto is bytes.ToLower(data), written into *buf when data is
// ASCII (revision files nearly always are); otherwise a new slice.
func toLowerInto(buf *[]byte, data []byte) []byte {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return bytes.ToLower(data)
		}
	}
	low := append((*buf)[:0], data...)
	for i, b := range low {
		if 'A' <= b && b <= 'Z' {
			low[i] = b + 'a' - 'A'
		}
	}
	*buf = low
	return low
}

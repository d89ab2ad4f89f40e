package load

import (
	"bytes"
	"strings"

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
// word found), matched in place.
func scanCreates(data []byte) (c created) {
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

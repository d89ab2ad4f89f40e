package load

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load/alembic"
)

// readHistory records what every revision creates. Revisions parsed in
// full give their lowered operations; the others (only scanned for
// metadata) are searched on their bytes, which costs a lower-casing and a
// few index searches per file instead of a parse.
func readHistory(files []alembic.File, revisions []*lint.Revision) *lint.History {
	h := &lint.History{Created: map[string]bool{}}
	for i, rev := range revisions {
		if rev.Ops != nil {
			historyOfOps(h, rev)
		}
		// The byte scan also sees what lowering does not: Table(...).create(),
		// SQL in variables.
		if opaque := scanCreates(h, files[i].Data); opaque && h.Opaque == "" {
			h.Opaque = rev.File
		}
	}
	return h
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
	quotedArg   = regexp.MustCompile(`^\(\s*[rbu]?["']([^"'\n]+)["']`)
	renameArgs  = regexp.MustCompile(`^\(\s*[rbu]?["'][^"'\n]+["']\s*,\s*[rbu]?["']([^"'\n]+)["']`)
	sqlCreate   = regexp.MustCompile(`^create\s+(?:or\s+replace\s+)?(?:(?:global|local)\s+)?(?:temp(?:orary)?\s+|unlogged\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([\w."` + "`" + `\[\]]+)`)
	sqlRenameTo = regexp.MustCompile(`^(?:alter\s+table\s+[\w."` + "`" + `\[\]]+\s+rename\s+to|rename\s+table\s+[\w."` + "`" + `\[\]]+\s+to)\s+([\w."` + "`" + `\[\]]+)`)
)

// scanCreates adds the tables a revision file's bytes create and reports
// whether it creates tables in a way that cannot be read.
func scanCreates(h *lint.History, data []byte) (opaque bool) {
	low := bytes.ToLower(data)
	// call is the text from the "(" that ends a word found at at: a
	// slice of low, never a copy, since a file may hold thousands of
	// calls and each copy would take the rest of the file.
	call := func(word string, at int) []byte { return low[at+len(word)-1:] }
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
		if m := quotedArg.FindSubmatch(call("create_table(", at)); m != nil {
			h.Created[tableKey(string(m[1]))] = true
			return
		}
		opaque = true
	})
	each("rename_table(", func(rest []byte, at int) {
		if m := renameArgs.FindSubmatch(call("rename_table(", at)); m != nil {
			h.Created[tableKey(string(m[1]))] = true
		}
	})
	each("create", func(rest []byte, at int) {
		if at > 0 && (isWord(low[at-1])) {
			return
		}
		if m := sqlCreate.FindSubmatch(low[at:min(len(low), at+200)]); m != nil {
			h.Created[tableKey(string(m[1]))] = true
		}
	})
	for _, word := range []string{"alter table", "rename table"} {
		each(word, func(rest []byte, at int) {
			if m := sqlRenameTo.FindSubmatch(low[at:min(len(low), at+300)]); m != nil {
				h.Created[tableKey(string(m[1]))] = true
			}
		})
	}
	if bytes.Contains(low, []byte(".create(")) {
		// sa.Table("name", metadata, ...).create(bind)
		each("table(", func(rest []byte, at int) {
			if m := quotedArg.FindSubmatch(call("table(", at)); m != nil {
				h.Created[tableKey(string(m[1]))] = true
			}
		})
	}
	for _, sign := range []string{"create_all(", "read_text(", "open("} {
		if bytes.Contains(low, []byte(sign)) {
			opaque = true
		}
	}
	return opaque
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

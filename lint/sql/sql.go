// Package sql reads SQL found in revision files with the database's own
// grammar (PostgreSQL: pg_query_go, the server's parser; MySQL and
// MariaDB: the TiDB parser) and maps each statement onto lint.Op values, so
// that the rules for op.create_index(...) also serve
// op.execute("CREATE INDEX ...").
package sql

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Statement is one parsed statement: its operations (an ALTER TABLE may do
// several things) and where it starts in the text.
type Statement struct {
	Ops    []lint.Op
	Offset int // byte offset of the statement in the text
	Text   string
}

// SyntaxError is a statement the dialect's parser rejects.
type SyntaxError struct {
	Offset  int // byte offset of the error, where the parser says
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// maxMessage bounds a parser's message in characters. Both parsers quote
// the input from the error on ("at or near", "near"), which may be the
// rest of a string of megabytes.
const maxMessage = 160

// syntaxError makes a SyntaxError with the parser's message cut to its
// first line and maxMessage characters.
func syntaxError(offset int, msg string) *SyntaxError {
	msg, _, _ = strings.Cut(msg, "\n")
	if utf8.RuneCountInString(msg) > maxMessage {
		cut := 0
		for i := range msg {
			if cut == maxMessage {
				msg = msg[:i]
				break
			}
			cut++
		}
		msg += "..."
		if strings.Count(msg, `"`)%2 == 1 {
			msg += `"`
		}
	}
	return &SyntaxError{Offset: offset, Message: msg}
}

// Parse parses text with the grammar of the dialect. SQLite has no
// grammar here: its SQL is read as PostgreSQL's, which accepts the DDL
// migrations use, and syntax errors are not reported for it.
//
// A parser that panics instead of answering (TiDB's does on a number
// literal of more than 80 digits) makes a syntax error that says so: the
// SQL comes from the pull request, and one statement must not stop the
// run.
func Parse(dialect lint.Dialect, text string) (stmts []Statement, err error) {
	defer func() {
		if r := recover(); r != nil {
			name := "PostgreSQL"
			if dialect.IsMySQLFamily() {
				name = "MySQL"
			}
			stmts, err = nil, syntaxError(0, "the "+name+" parser failed on this SQL instead of reading it; migrate-lint cannot check it, check it by hand")
		}
	}()
	if dialect.IsMySQLFamily() {
		return parseMySQL(text)
	}
	return parsePostgres(text)
}

// volatileFunctions are PostgreSQL functions whose value differs per row,
// so a DEFAULT using them makes ADD COLUMN rewrite the table.
var volatileFunctions = []string{
	"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
	"clock_timestamp", "timeofday", "nextval", "txid_current", "uuid", "uuid_generate_v7", "uuidv7",
}

// IsVolatileDefault reports whether a default expression calls a volatile
// function, judged by name: gen_random_uuid(), random(), nextval(...).
func IsVolatileDefault(expr string) bool {
	e := strings.ToLower(expr)
	for _, name := range volatileFunctions {
		if strings.Contains(e, name+"(") {
			return true
		}
	}
	return false
}

// TypeName formats a type and its modifiers as the rules compare them:
// varchar(20), numeric(10,2), text.
func TypeName(name string, mods ...int) string {
	name = strings.ToLower(name)
	if canonical, ok := typeAliases[name]; ok {
		name = canonical
	}
	if len(mods) == 0 {
		return name
	}
	parts := make([]string, len(mods))
	for i, m := range mods {
		parts[i] = fmt.Sprint(m)
	}
	return name + "(" + strings.Join(parts, ",") + ")"
}

var typeAliases = map[string]string{
	"character varying": "varchar", "string": "varchar", "unicode": "varchar", "nvarchar": "varchar",
	"character": "char", "bpchar": "char", "unicodetext": "text", "int4": "integer", "int": "integer",
	"int8": "bigint", "int2": "smallint", "decimal": "numeric", "bool": "boolean", "float8": "double precision",
	"float4": "real", "datetime": "timestamp", "timestamptz": "timestamp with time zone", "biginteger": "bigint", "smallinteger": "smallint",
}

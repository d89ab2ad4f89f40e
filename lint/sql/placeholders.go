package sql

import "github.com/migrate-lint/migrate-lint/lint"

// BindPlaceholders replaces the parameters a driver fills in before the
// database sees the SQL (sa.text's :name, DBAPI's %s and %(name)s) with
// the dialect's own parameter syntax ($1 for PostgreSQL, ? for MySQL), so
// that the grammar reads the statement instead of rejecting it. The
// replacement keeps every byte offset: positions found in the result are
// positions in the original. It reports how many it replaced.
//
// String literals, quoted identifiers, comments and PostgreSQL's ::type
// casts are left alone.
func BindPlaceholders(dialect lint.Dialect, text string) (string, int) {
	repl := "$1"
	if dialect.IsMySQLFamily() {
		repl = "?"
	}
	return bindPlaceholders(dialect, text, repl)
}

// BindPlaceholdersAsLiterals is BindPlaceholders with the number 1 in
// their place: what the statement becomes where a driver interpolates
// parameters on the client (PyMySQL, psycopg2), so that a parameter may sit
// where the grammar takes no parameter (VARCHAR(:len)).
func BindPlaceholdersAsLiterals(dialect lint.Dialect, text string) (string, int) {
	return bindPlaceholders(dialect, text, "1")
}

func bindPlaceholders(dialect lint.Dialect, text, repl string) (string, int) {
	b := []byte(text)
	n := 0
	put := func(start, end int) {
		repl := repl
		// IN :ids is an expanding parameter: the driver writes the
		// parenthesised list.
		if afterIN(b[:start]) && end-start >= len(repl)+2 {
			repl = "(" + repl + ")"
		}
		copy(b[start:end], repl)
		for i := start + len(repl); i < end; i++ {
			b[i] = ' '
		}
		n++
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\'' || c == '"' || c == '`' && dialect.IsMySQLFamily():
			i = skipQuoted(b, i, c, dialect)
		case c == '-' && i+1 < len(b) && b[i+1] == '-', c == '#' && dialect.IsMySQLFamily():
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := indexFrom(b, i+2, "*/")
			if end < 0 {
				return string(b), n
			}
			i = end + 2
		case c == '$' && !dialect.IsMySQLFamily():
			i = skipDollarQuoted(b, i)
		case c == ':' && i+1 < len(b) && b[i+1] == ':':
			i += 2 // a cast: x::int
		case c == ':' && i+1 < len(b) && isIdentStart(b[i+1]) && (i == 0 || b[i-1] != ':' && !isIdentChar(b[i-1])):
			end := i + 1
			for end < len(b) && isIdentChar(b[end]) {
				end++
			}
			put(i, end)
			i = end
		case c == '%' && i+1 < len(b) && b[i+1] == 's':
			put(i, i+2)
			i += 2
		case c == '%' && i+1 < len(b) && b[i+1] == '(':
			end := i + 2
			for end < len(b) && b[end] != ')' && b[end] != '\n' {
				end++
			}
			if end+1 < len(b) && b[end] == ')' && b[end+1] == 's' {
				put(i, end+2)
				i = end + 2
			} else {
				i++
			}
		default:
			i++
		}
	}
	return string(b), n
}

// afterIN reports whether the text ends with the keyword IN.
func afterIN(before []byte) bool {
	i := len(before)
	for i > 0 && (before[i-1] == ' ' || before[i-1] == '\t' || before[i-1] == '\n' || before[i-1] == '\r') {
		i--
	}
	if i < 2 || !(before[i-2] == 'I' || before[i-2] == 'i') || !(before[i-1] == 'N' || before[i-1] == 'n') {
		return false
	}
	return i == 2 || !isIdentChar(before[i-3])
}

// skipQuoted returns the index after a quoted string or identifier that
// starts at i. A doubled quote is an escaped one; MySQL and PostgreSQL's
// E” strings also escape with a backslash.
func skipQuoted(b []byte, i int, q byte, dialect lint.Dialect) int {
	backslash := dialect.IsMySQLFamily() && q != '`' || q == '\'' && i > 0 && (b[i-1] == 'E' || b[i-1] == 'e')
	for j := i + 1; j < len(b); j++ {
		switch {
		case backslash && b[j] == '\\':
			j++
		case b[j] == q && j+1 < len(b) && b[j+1] == q:
			j++
		case b[j] == q:
			return j + 1
		}
	}
	return len(b)
}

// skipDollarQuoted returns the index after $tag$...$tag$ starting at i, or
// i+1 when i does not start one ($1 parameters, identifiers with $).
func skipDollarQuoted(b []byte, i int) int {
	j := i + 1
	for j < len(b) && isIdentChar(b[j]) && b[j] != '$' {
		j++
	}
	if j >= len(b) || b[j] != '$' || (j > i+1 && b[i+1] >= '0' && b[i+1] <= '9') {
		return i + 1
	}
	tag := string(b[i : j+1])
	end := indexFrom(b, j+1, tag)
	if end < 0 {
		return len(b)
	}
	return end + len(tag)
}

func indexFrom(b []byte, from int, s string) int {
	for i := from; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' || c >= 0x80
}

package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// walkIf walks an if statement. A condition on the connection's dialect
// (`if bind.dialect.name == "postgresql":`, `op.get_context().dialect.name
// in ("mysql", "mariadb")`, `engine.name != "sqlite"`,
// `url.startswith("postgres")`) restricts its branch to those dialects, and
// the elif and else branches to the others, so that code which cannot run
// on the project's dialect is not judged as if it did.
func (f *fileParser) walkIf(stmt *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) {
	inner := scope
	inner.Conditional = true
	// covered are the dialects an earlier branch took; it is exact only
	// while every earlier condition was recognised.
	covered := lint.DialectSetOf()
	known := true
	branch := func(cond, body *node) {
		b := inner
		if cond != nil {
			f.findCalls(cond, scope, aliases, visiting)
			set, ok := f.dialectCondition(cond)
			if ok {
				b.Dialects = scope.Dialects.Intersect(set)
				if known {
					b.Dialects = b.Dialects.Minus(covered)
				}
				covered = covered.Union(set)
			}
			known = known && ok
		} else if known {
			b.Dialects = scope.Dialects.Minus(covered)
		}
		f.walkBlock(body, b, aliases, visiting)
	}
	branch(stmt.child("condition"), stmt.child("consequence"))
	for _, c := range stmt.children {
		switch c.kind {
		case "elif_clause":
			branch(c.child("condition"), c.child("consequence"))
		case "else_clause":
			branch(nil, c.child("body"))
		}
	}
}

var (
	// dialectCompare: <expr> == "postgresql", <expr> != 'sqlite'.
	dialectCompare = lazyregexp.New(`^(.+?)\s*(==|!=)\s*["'](\w+)["']$`)
	// dialectMember: <expr> in ("mysql", "mariadb"), not in [...].
	dialectMember = lazyregexp.New(`^(.+?)\s+(not\s+in|in)\s*[(\[{]\s*((?:["']\w+["']\s*,?\s*)+)[)\]}]$`)
	// dialectPrefix: <expr>.startswith("postgres").
	dialectPrefix = lazyregexp.New(`^(.+?)\.startswith\(\s*["'](\w+)["']\s*\)$`)
	quotedWord    = lazyregexp.New(`["'](\w+)["']`)
)

// dialectCondition recognises a condition on the dialect and returns the
// dialects for which it is true.
func (f *fileParser) dialectCondition(cond *node) (lint.DialectSet, bool) {
	text := f.constantsInlined(strings.Join(strings.Fields(cond.text(f.src.str)), " "))
	negate := false
	for strings.HasPrefix(text, "not ") {
		text, negate = strings.TrimSpace(strings.TrimPrefix(text, "not ")), !negate
	}
	if strings.HasPrefix(text, "(") && strings.HasSuffix(text, ")") {
		text = text[1 : len(text)-1]
	}
	var set lint.DialectSet
	switch m := dialectCompare.FindStringSubmatch(text); {
	case m != nil && aboutDialect(m[1]):
		d, ok := sqlalchemyDialect(m[3])
		if !ok {
			return set, false
		}
		set = d
		if m[2] == "!=" {
			set = lint.DialectSetOf(lint.Dialects...).Minus(set)
		}
	default:
		if m := dialectMember.FindStringSubmatch(text); m != nil && aboutDialect(m[1]) {
			set = lint.DialectSetOf()
			for _, w := range quotedWord.FindAllStringSubmatch(m[3], -1) {
				d, ok := sqlalchemyDialect(w[1])
				if !ok {
					return set, false
				}
				set = set.Union(d)
			}
			if strings.HasPrefix(m[2], "not") {
				set = lint.DialectSetOf(lint.Dialects...).Minus(set)
			}
		} else if m := dialectPrefix.FindStringSubmatch(text); m != nil && aboutDialect(m[1]) {
			d, ok := sqlalchemyDialect(m[2])
			if !ok {
				return set, false
			}
			set = d
		} else {
			return set, false
		}
	}
	if negate {
		set = lint.DialectSetOf(lint.Dialects...).Minus(set)
	}
	return set, true
}

// constantsInlined writes the value of names bound to strings into a
// condition: engine.name == MYSQL_ENGINE reads as engine.name == 'mysql'.
func (f *fileParser) constantsInlined(text string) string {
	return identifierToken.ReplaceAllStringFunc(text, func(tok string) string {
		name := strings.TrimLeft(tok, " (,=!")
		if v, ok := f.bind.lookup(name); ok {
			if s, ok := v.Str(); ok && quotedWord.MatchString("'"+s+"'") {
				return tok[:len(tok)-len(name)] + "'" + s + "'"
			}
		}
		return tok
	})
}

// identifierToken is a name that is not part of a dotted chain (it
// follows the start, a space, a parenthesis, a comma or an operator).
var identifierToken = lazyregexp.New(`(?:^|[ (,=!])[A-Za-z_]\w*\b`)

// aboutDialect reports whether an expression reads the database kind:
// bind.dialect.name, op.get_context().dialect.name, engine.name, a URL.
func aboutDialect(expr string) bool {
	e := strings.ToLower(expr)
	for _, word := range []string{"dialect", "engine", "bind", "url", "driver", "backend", "conn"} {
		if strings.Contains(e, word) {
			return true
		}
	}
	return false
}

// sqlalchemyDialect maps a SQLAlchemy dialect name (or URL prefix) to the
// set it stands for; other databases (mssql, oracle) are known but none of
// migrate-lint's dialects.
func sqlalchemyDialect(name string) (lint.DialectSet, bool) {
	switch strings.ToLower(name) {
	case "postgresql", "postgres", "psycopg2", "pg":
		return lint.DialectSetOf(lint.PostgreSQL), true
	case "mysql":
		return lint.DialectSetOf(lint.MySQL, lint.MariaDB), true
	case "mariadb":
		return lint.DialectSetOf(lint.MariaDB), true
	case "sqlite":
		return lint.DialectSetOf(lint.SQLite), true
	case "mssql", "oracle", "firebird", "sybase", "cockroachdb":
		return lint.DialectSetOf(), true
	}
	return lint.DialectSet{}, false
}

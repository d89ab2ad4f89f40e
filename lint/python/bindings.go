package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// bindings resolve names to the literal values they hold, so that an
// operation written with a name still says which table it touches:
// module-level constants (TABLE = "users"), simple local assignments,
// a helper function's parameters bound to the arguments of each call,
// and the variable of a loop over a literal list, once per element.
type bindings struct {
	// constants are the module's top-level assignments of literals.
	constants map[string]lint.Value
	// frames are the scopes being walked, innermost last.
	frames []map[string]lint.Value
	// runtime are the names that hold data read at run time: query
	// results, the environment, and what is computed from them.
	runtime map[string]bool
}

// maxUnrolled bounds how many elements of a literal list a loop is
// analysed for, one pass each.
const maxUnrolled = 50

func newBindings() *bindings {
	return &bindings{constants: map[string]lint.Value{}, runtime: map[string]bool{}}
}

// runtimeSources are the calls through which a revision reads data it
// did not write itself.
var runtimeSources = []string{".execute(", ".exec_driver_sql(", ".fetchall(", ".fetchone(", ".fetchmany(", ".first(",
	".scalar(", ".scalars(", ".one(", ".all(", ".query(", "os.environ", "getenv(", "input("}

// readsRuntimeData reports whether an expression reads data at run time:
// it calls one of the sources, or uses a name that holds such data.
func (f *fileParser) readsRuntimeData(n *node) bool {
	text := n.text(f.src.str)
	for _, s := range runtimeSources {
		if strings.Contains(text, s) {
			return true
		}
	}
	var walk func(n *node) bool
	walk = func(n *node) bool {
		if n.kind == "identifier" && f.bind != nil && f.bind.runtime[n.text(f.src.str)] {
			return true
		}
		for _, c := range n.children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

// markRuntime records the names a target (x, or a, b) binds as holding
// run-time data.
func (f *fileParser) markRuntime(target *node) {
	switch target.kind {
	case "identifier":
		f.bind.runtime[target.text(f.src.str)] = true
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list":
		for _, c := range target.namedChildren() {
			f.markRuntime(c)
		}
	}
}

// lookup finds the value a name holds where it is used.
func (b *bindings) lookup(name string) (lint.Value, bool) {
	if b == nil {
		return lint.Value{}, false
	}
	for i := len(b.frames) - 1; i >= 0; i-- {
		if v, ok := b.frames[i][name]; ok {
			return v, true
		}
	}
	v, ok := b.constants[name]
	return v, ok
}

// push opens a scope with the given names bound; pop closes it.
func (b *bindings) push(frame map[string]lint.Value) { b.frames = append(b.frames, frame) }
func (b *bindings) pop()                             { b.frames = b.frames[:len(b.frames)-1] }

// set binds a name in the innermost scope (a local assignment).
func (b *bindings) set(name string, v lint.Value) {
	if len(b.frames) == 0 {
		b.push(map[string]lint.Value{})
	}
	b.frames[len(b.frames)-1][name] = v
}

// forget removes a name from the innermost scope: it was reassigned to
// something that is not a literal.
func (b *bindings) forget(name string) {
	if len(b.frames) > 0 {
		delete(b.frames[len(b.frames)-1], name)
	}
}

// isLiteral reports values worth binding: strings, numbers, booleans,
// None, and lists of those. A call such as sa.table("users", ...) is kept
// as a constant too, for Core expressions (users.update()).
func isLiteral(v lint.Value) bool {
	switch v.Kind {
	case lint.KindString:
		return !v.Dynamic
	case lint.KindNumber, lint.KindBool, lint.KindNone:
		return true
	case lint.KindList:
		for _, e := range v.Args {
			if !isLiteral(e) {
				return false
			}
		}
		return true
	}
	return false
}

// isTableConstant reports sa.table("name", ...) / sa.Table("name", ...).
func isTableConstant(v lint.Value) bool {
	if v.Kind != lint.KindCall || len(v.Args) == 0 || v.Args[0].Kind != lint.KindString {
		return false
	}
	switch v.CalleeName() {
	case "table", "Table":
		return true
	}
	return false
}

// collectConstants reads the module's top-level assignments of literals
// and table() expressions, in order, so that a later assignment wins.
func (f *fileParser) collectConstants() {
	for _, stmt := range f.root.children {
		f.eachNameAssignment(stmt, func(name string, v lint.Value, _, _ *node) {
			if isLiteral(v) || isTableConstant(v) {
				f.bind.constants[name] = v
			} else {
				delete(f.bind.constants, name)
			}
		})
	}
}

// eachNameAssignment calls fn for each `name = value` of an expression
// statement, with the value read and the two sides' nodes.
func (f *fileParser) eachNameAssignment(stmt *node, fn func(name string, v lint.Value, left, right *node)) {
	if stmt.kind != "expression_statement" {
		return
	}
	for _, e := range stmt.namedChildren() {
		left, right := e.child("left"), e.child("right")
		if e.kind != "assignment" || left == nil || right == nil || left.kind != "identifier" {
			continue
		}
		fn(left.text(f.src.str), f.valueOf(right), left, right)
	}
}

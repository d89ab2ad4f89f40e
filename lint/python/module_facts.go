package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// moduleFacts is what the configuration checks follow through a module
// (env.py, a settings module) to find where a database URL comes from and
// where create_all() is called.
type moduleFacts struct {
	// Calls are every call in the module, nested ones included, in source
	// order. Scope.Function names the enclosing function ("" at module
	// level) and Scope.Conditional is set inside if, try and match.
	Calls []lint.Call
	// Returns maps a module-level function to the value of its last
	// `return` statement.
	Returns map[string]lint.Value
	// Bindings are assignments to a plain name at any depth (inside
	// functions too), the first one per name: `url = os.getenv(...)`
	// inside run_migrations_online().
	Bindings map[string]lint.Assignment
	// SyntaxErrors holds the first place the module does not parse.
	SyntaxErrors []lint.SyntaxError
	// Aliases maps a name bound by `from X import name as alias` to the
	// import, with Names holding the original name only.
	Aliases map[string]lint.Import
}

// collectModuleFacts fills the facts of m from the tree.
func (f *fileParser) collectModuleFacts(m *Module, root *node, hasError bool) {
	m.Returns = map[string]lint.Value{}
	m.Bindings = map[string]lint.Assignment{}
	m.Aliases = map[string]lint.Import{}
	if hasError || hasPython2Statement(root) {
		f.collectSyntaxErrors(root)
		m.SyntaxErrors = f.rev.SyntaxErrors
	}
	for _, stmt := range root.children {
		def := stmt
		if def.kind == "decorated_definition" {
			def = def.child("definition")
		}
		if def == nil || def.kind != "function_definition" {
			continue
		}
		if name := def.child("name"); name != nil {
			if v, ok := f.lastReturn(def.child("body")); ok {
				m.Returns[name.text(f.src.str)] = v
			}
		}
	}
	var walk func(n *node, scope lint.Scope)
	walk = func(n *node, scope lint.Scope) {
		switch n.kind {
		case "function_definition":
			if name := n.child("name"); name != nil {
				scope.Function = name.text(f.src.str)
			}
		case "if_statement", "try_statement", "match_statement":
			scope.Conditional = true
		case "assignment":
			left, right := n.child("left"), n.child("right")
			if left != nil && right != nil && left.kind == "identifier" {
				name := left.text(f.src.str)
				if _, seen := m.Bindings[name]; !seen {
					m.Bindings[name] = lint.Assignment{Span: f.spanOf(n), Value: f.valueOf(right)}
				}
			}
		case "import_from_statement":
			module := ""
			level := 0
			if mn := n.child("module_name"); mn != nil {
				text := mn.text(f.src.str)
				trimmed := strings.TrimLeft(text, ".")
				level, module = len(text)-len(trimmed), strings.Join(strings.Fields(trimmed), "")
			}
			for _, c := range n.children {
				if c.field == "name" && c.kind == "aliased_import" {
					if name, alias := f.importedName(c); alias != name {
						m.Aliases[alias] = lint.Import{Module: module, Level: level, Names: []string{name}, Span: f.spanOf(n)}
					}
				}
			}
		case "call":
			if v := f.callValue(n); v.Kind == lint.KindCall {
				m.Calls = append(m.Calls, lint.Call{Callee: v.Text, Name: lint.LastSegment(v.Text), Args: v.Args, Keywords: v.Keywords, Span: v.Span, Scope: scope})
			}
		}
		for _, c := range n.children {
			walk(c, scope)
		}
	}
	walk(root, lint.Scope{})
}

// lastReturn is the value of the last return statement directly in a
// function body (or in its if/else branches): what a getter returns.
func (f *fileParser) lastReturn(body *node) (lint.Value, bool) {
	if body == nil {
		return lint.Value{}, false
	}
	var found *node
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			switch c.kind {
			case "return_statement":
				if inner := c.namedChildren(); len(inner) == 1 {
					found = inner[0]
				}
			case "if_statement", "else_clause", "elif_clause", "block", "try_statement", "with_statement":
				walk(c)
			}
		}
	}
	walk(body)
	if found == nil {
		return lint.Value{}, false
	}
	return f.valueOf(found), true
}

// classAttributes reads a class body: `name = value`, `name: T = value`,
// and methods that return a value (properties, computed fields).
func (f *fileParser) classAttributes(def *node) map[string]lint.Assignment {
	attrs := map[string]lint.Assignment{}
	body := def.child("body")
	if body == nil {
		return attrs
	}
	for _, stmt := range body.children {
		member := stmt
		if member.kind == "decorated_definition" {
			member = member.child("definition")
		}
		switch {
		case member == nil:
		case member.kind == "expression_statement":
			for _, e := range member.namedChildren() {
				left, right := e.child("left"), e.child("right")
				if e.kind == "assignment" && left != nil && right != nil && left.kind == "identifier" {
					attrs[left.text(f.src.str)] = lint.Assignment{Span: f.spanOf(e), Value: f.valueOf(right)}
				}
			}
		case member.kind == "function_definition":
			name := member.child("name")
			if name == nil {
				continue
			}
			if _, taken := attrs[name.text(f.src.str)]; taken {
				continue
			}
			if v, ok := f.lastReturn(member.child("body")); ok {
				attrs[name.text(f.src.str)] = lint.Assignment{Span: v.Span, Value: v}
			}
		}
	}
	return attrs
}

package python

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Module is what the configuration checks need from a Python module (env.py,
// the application's model modules): its imports, its classes and their
// bases, its module-level assignments, and the identifiers it uses.
type Module struct {
	Imports     []lint.Import
	Classes     []Class
	Assignments map[string]lint.Assignment
	Identifiers map[string]bool
	// Strings are the texts of the module's string literals.
	Strings []string
	Lines   []string
	// Reading says how much of the module was read: Whole (ParseModule)
	// or a part (ParseOutline, ParseImports), and so which fields hold
	// what the module has and which are left empty.
	Reading Reading
	// The rest is read by module_facts.go: every call, every function's
	// returned value, assignments at any depth, and syntax errors.
	moduleFacts
}

// moduleFileParser reads a module's tree: no revision, and no name
// bound to alembic's op beforehand.
func moduleFileParser(src *source, root *node) *fileParser {
	return &fileParser{src: src, rev: &lint.Revision{}, root: root, opNames: map[string]bool{}, functions: map[string]*node{}, bind: newBindings()}
}

// Class is a class definition and its bases.
type Class struct {
	Name  string
	Bases []string // dotted names as written
	// Span is the class statement's first line.
	Span lint.Span
	// Attributes are the class body's assignments (annotated or not) and
	// the values its methods return (a property's value).
	Attributes map[string]lint.Assignment
}

// Reading is how much of a module a parse reads.
type Reading uint8

const (
	// Whole: everything Module has.
	Whole Reading = iota
	// Outline: Imports, Identifiers, the top-level Classes (their names,
	// bases and spans, not their attributes) and Assignments.
	Outline
	// Imports: Imports and Identifiers.
	Imports
)

// ParseModule reads a Python module with tree-sitter. Like ParseRevision
// it never fails: a module it cannot make sense of yields what was read
// before the problem. Its strings share raw's memory: raw must not change
// afterwards.
func (p *Parser) ParseModule(raw []byte) *Module { return p.parseModule(raw, Whole) }

// ParseImports reads only what following a module's imports needs: its
// Imports and Identifiers, the same as ParseModule gives; the rest of the
// Module (classes, assignments, strings, calls, lines, syntax errors) is
// left empty, and Reading says so. An application's import closure
// passes through many modules nothing else asks about, and the rest is
// most of ParseModule's work (on Netflix/dispatch's 217 modules: the
// module facts 24%, the classes 5%, the strings 3%).
func (p *Parser) ParseImports(raw []byte) *Module { return p.parseModule(raw, Imports) }

// ParseOutline reads what ParseImports reads, and the top-level classes
// (without their attributes) and assignments, the same as ParseModule
// gives them: what naming a module's models and tables needs (the
// modules a revision imports, on indico/indico 14 modules parsed whole
// in 8.6 ms at the end of a check).
func (p *Parser) ParseOutline(raw []byte) *Module { return p.parseModule(raw, Outline) }

func (p *Parser) parseModule(raw []byte, reading Reading) (m *Module) {
	src := newSource(raw)
	empty := func() *Module {
		m := &Module{Assignments: map[string]lint.Assignment{}, Identifiers: map[string]bool{}, Reading: reading}
		if reading == Whole {
			m.Lines = src.lines()
		}
		return m
	}
	m = empty()
	defer func() {
		if r := recover(); r != nil {
			m = empty()
		}
	}()
	root, hasError, err := p.py.parse(src.text, src.str)
	if err == nil && treeDepth(root) > maxTreeDepth {
		// The analysis recurses once per level: leave such a module out.
		err = fmt.Errorf("its expressions nest more than %d levels deep", maxTreeDepth)
	}
	if err != nil {
		m.SyntaxErrors = []lint.SyntaxError{{Span: lint.LineSpan(1), Message: fmt.Sprintf("the file could not be parsed (%v)", err)}}
		return m
	}
	f := moduleFileParser(src, root)
	f.collectImports(root)
	m.Imports = f.rev.Imports
	if reading == Imports {
		f.collectIdentifiers(m, root, false)
		return m
	}
	if reading == Whole {
		f.collectModuleFacts(m, root, hasError)
	}
	for _, stmt := range root.children {
		def := stmt
		if def.kind == "decorated_definition" {
			def = def.child("definition")
		}
		switch {
		case def == nil:
		case def.kind == "class_definition":
			m.Classes = append(m.Classes, f.classOf(def, reading == Whole))
		case def.kind == "expression_statement":
			for _, e := range def.namedChildren() {
				left, right := e.child("left"), e.child("right")
				if e.kind == "assignment" && left != nil && right != nil && left.kind == "identifier" {
					m.Assignments[left.text(src.str)] = lint.Assignment{Span: f.spanOf(e), Value: f.valueOf(right)}
				}
			}
		}
	}
	f.collectIdentifiers(m, root, reading == Whole)
	return m
}

// collectIdentifiers fills m.Identifiers with the names the module uses
// outside string literals and, with strings, m.Strings with the texts of
// those literals.
func (f *fileParser) collectIdentifiers(m *Module, root *node, strings bool) {
	var walk func(n *node)
	walk = func(n *node) {
		switch n.kind {
		case "identifier":
			m.Identifiers[n.text(f.src.str)] = true
		case "string":
			if strings {
				text, _, _ := f.stringLiteral(n)
				m.Strings = append(m.Strings, text)
			}
			return
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
}

// classOf reads a class statement; its attributes only when asked for.
func (f *fileParser) classOf(def *node, attributes bool) Class {
	c := Class{Span: lint.LineSpan(f.spanOf(def).Line)}
	if attributes {
		c.Attributes = f.classAttributes(def)
	}
	if name := def.child("name"); name != nil {
		c.Name = name.text(f.src.str)
	}
	if supers := def.child("superclasses"); supers != nil {
		for _, b := range supers.namedChildren() {
			if name, ok := f.dottedName(b); ok {
				c.Bases = append(c.Bases, name)
			}
		}
	}
	return c
}

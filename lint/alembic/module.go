package alembic

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// pyModule is what the configuration checks need from a Python module:
// its imports, its classes and their bases, its module-level assignments,
// and the identifiers it uses.
type pyModule struct {
	imports     []lint.Import
	classes     []pyClass
	assignments map[string]lint.Assignment
	identifiers map[string]bool
	lines       []string
}

type pyClass struct {
	name  string
	bases []string // dotted names as written
}

// parseModule reads a Python module with tree-sitter.
func (p *Parser) parseModule(raw []byte) *pyModule {
	src := newSource(raw)
	m := &pyModule{assignments: map[string]lint.Assignment{}, identifiers: map[string]bool{}, lines: src.lines()}
	root, _, err := p.py.parse(src.text)
	if err != nil {
		return m
	}
	f := &fileParser{src: src, rev: &lint.Revision{}, root: root, opNames: map[string]bool{}, functions: map[string]*node{}}
	f.collectImports(root)
	m.imports = f.rev.Imports
	for _, stmt := range root.children {
		def := stmt
		if def.kind == "decorated_definition" {
			def = def.child("definition")
		}
		switch {
		case def == nil:
		case def.kind == "class_definition":
			m.classes = append(m.classes, f.classOf(def))
		case def.kind == "expression_statement":
			for _, e := range def.namedChildren() {
				left, right := e.child("left"), e.child("right")
				if e.kind == "assignment" && left != nil && right != nil && left.kind == "identifier" {
					m.assignments[left.text(src.text)] = lint.Assignment{Span: f.spanOf(e), Value: f.valueOf(right)}
				}
			}
		}
	}
	var walk func(n *node)
	walk = func(n *node) {
		if n.kind == "identifier" {
			m.identifiers[n.text(src.text)] = true
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
	return m
}

func (f *fileParser) classOf(def *node) pyClass {
	c := pyClass{}
	if name := def.child("name"); name != nil {
		c.name = name.text(f.src.text)
	}
	if supers := def.child("superclasses"); supers != nil {
		for _, b := range supers.namedChildren() {
			if name, ok := f.dottedName(b); ok {
				c.bases = append(c.bases, name)
			}
		}
	}
	return c
}

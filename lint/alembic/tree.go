package alembic

import (
	"sync"

	ts "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// node is a tree-sitter node copied into Go memory. Copying the tree once
// costs a few cgo calls per node; every later question about it is then an
// ordinary field read instead of a cgo call.
type node struct {
	kind     string
	field    string // the field name under its parent, if any
	named    bool
	missing  bool // inserted by error recovery
	start    int  // byte offsets
	end      int
	startRow int
	startCol int
	endRow   int
	endCol   int
	children []*node
}

var (
	languageOnce sync.Once
	language     *ts.Language
	kindNames    []string
	fieldNames   []string
)

func pythonLanguage() *ts.Language {
	languageOnce.Do(func() {
		language = ts.NewLanguage(python.Language())
		kindNames = make([]string, language.NodeKindCount())
		for i := range kindNames {
			kindNames[i] = language.NodeKindForId(uint16(i))
		}
		fieldNames = make([]string, language.FieldCount()+1)
		for i := 1; i < len(fieldNames); i++ {
			fieldNames[i] = language.FieldNameForId(uint16(i))
		}
	})
	return language
}

// pyParser wraps a tree-sitter parser; it is not safe for concurrent use,
// so each worker owns one.
type pyParser struct{ p *ts.Parser }

func newPyParser() *pyParser {
	p := ts.NewParser()
	if err := p.SetLanguage(pythonLanguage()); err != nil {
		// The grammar is compiled in; a version mismatch is a build error.
		panic(err)
	}
	return &pyParser{p: p}
}

func (p *pyParser) close() { p.p.Close() }

// parse returns the root of the copied tree and whether tree-sitter had to
// recover from errors.
func (p *pyParser) parse(text []byte) (root *node, hasError bool) {
	tree := p.p.Parse(text, nil)
	defer tree.Close()
	rootNode := tree.RootNode()
	hasError = rootNode.HasError()
	cursor := tree.Walk()
	defer cursor.Close()
	return copyTree(cursor, hasError), hasError
}

func copyTree(c *ts.TreeCursor, checkMissing bool) *node {
	n := c.Node()
	id := n.KindId()
	var kind string
	if int(id) < len(kindNames) {
		kind = kindNames[id]
	} else {
		kind = n.Kind()
	}
	sp, ep := n.StartPosition(), n.EndPosition()
	out := &node{
		kind: kind, named: n.IsNamed(),
		start: int(n.StartByte()), end: int(n.EndByte()),
		startRow: int(sp.Row), startCol: int(sp.Column),
		endRow: int(ep.Row), endCol: int(ep.Column),
	}
	if checkMissing {
		out.missing = n.IsMissing()
	}
	if c.GotoFirstChild() {
		for {
			child := copyTree(c, checkMissing)
			if f := c.FieldId(); int(f) < len(fieldNames) {
				child.field = fieldNames[f]
			}
			out.children = append(out.children, child)
			if !c.GotoNextSibling() {
				break
			}
		}
		c.GotoParent()
	}
	return out
}

// child returns the first child with the given field name.
func (n *node) child(field string) *node {
	for _, c := range n.children {
		if c.field == field {
			return c
		}
	}
	return nil
}

// namedChildren returns the children that are named grammar nodes,
// skipping punctuation and comments.
func (n *node) namedChildren() []*node {
	out := make([]*node, 0, len(n.children))
	for _, c := range n.children {
		if c.named && c.kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

func (n *node) text(src []byte) string { return string(src[n.start:n.end]) }

package python

// The fast parser: a recursive-descent parser for the Python that revision
// files are written in, which builds the same syntax tree as
// tree-sitter-python in everything the readers of the tree look at (node
// kinds, fields, extents, and which node holds each comment), in Go and
// several times faster. It gives up on anything it is not sure of (Python
// 2 beyond its print statement, match patterns beyond the common ones,
// unusual type annotations, syntax errors, ...), and the file is then
// parsed by tree-sitter, so a file's analysis never depends on which
// parser read it: TestFastParserAgrees and FuzzFastParserAgrees hold the
// two to the same result.

import "bytes"

// maxFastDepth bounds the parser's recursion; deeper input goes to
// tree-sitter, which has its own bound.
const maxFastDepth = 200

const fastSlab = 4096

type fastParser struct {
	lex        flLexer
	src        []byte
	toks       []flToken
	i          int
	depth      int
	lineStarts []int
	lastRow    int
	// Node and children arenas, reused from one parse to the next.
	slabs    [][]node
	slab, n  int
	kidSlabs [][]*node
	kidSlab  int
	kidN     int
	stack    []*node
	subLexer flLexer
}

// fastFail is the panic value that unwinds a parse that gives up.
type fastFail struct{}

func (p *fastParser) fail() { panic(fastFail{}) }

// parse returns the module node, or errFallback. The tree is valid until
// the next call.
func (p *fastParser) parse(src []byte, str string) (root *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(fastFail); !ok && fastParserStrict {
				panic(r)
			}
			root, err = nil, errFallback
		}
	}()
	p.src = src
	p.slab, p.n, p.kidSlab, p.kidN, p.depth = 0, 0, 0, 0, 0
	p.stack = p.stack[:0]
	p.lineStarts, p.lastRow = append(p.lineStarts[:0], 0), 0
	for i, c := range src {
		if c == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, errFallback // tree-sitter reads NUL as an error anywhere
	}
	p.lex.reset(src, str)
	if err := p.lex.lex(); err != nil {
		return nil, err
	}
	p.toks, p.i = p.lex.tokens, 0
	mark := len(p.stack)
	for p.tok().kind != flEOF {
		p.push(p.statement())
	}
	root = p.mk("module", 0, len(src), p.pop(mark)...)
	p.placeComments(root)
	return root, nil
}

// fastParserStrict makes a bug in the fast parser (a panic other than
// giving up) crash the tests instead of falling back.
var fastParserStrict = false

// --- nodes

func (p *fastParser) alloc() *node {
	if p.slab == len(p.slabs) {
		p.slabs = append(p.slabs, make([]node, fastSlab))
	}
	s := p.slabs[p.slab]
	n := &s[p.n]
	if p.n++; p.n == len(s) {
		p.slab, p.n = p.slab+1, 0
	}
	return n
}

func (p *fastParser) kids(list []*node) []*node {
	if len(list) == 0 {
		return nil
	}
	for {
		if p.kidSlab == len(p.kidSlabs) {
			p.kidSlabs = append(p.kidSlabs, make([]*node, max(fastSlab, len(list))))
		}
		s := p.kidSlabs[p.kidSlab]
		if p.kidN+len(list) <= len(s) {
			out := s[p.kidN : p.kidN+len(list) : p.kidN+len(list)]
			copy(out, list)
			p.kidN += len(list)
			return out
		}
		p.kidSlab, p.kidN = p.kidSlab+1, 0
	}
}

func (p *fastParser) rowCol(off int) (int, int) {
	ls := p.lineStarts
	// Nodes are made in source order, mostly: try the last line first.
	if r := p.lastRow; r < len(ls) && ls[r] <= off && (r+1 == len(ls) || off < ls[r+1]) {
		return r, off - ls[r]
	}
	lo, hi := 0, len(ls)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ls[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	p.lastRow = lo
	return lo, off - ls[lo]
}

// mk makes a named node over [start, end) with children.
func (p *fastParser) mk(kind string, start, end int, children ...*node) *node {
	n := p.alloc()
	sr, sc := p.rowCol(start)
	er, ec := p.rowCol(end)
	*n = node{kind: kind, named: true, start: start, end: end, startRow: sr, startCol: sc, endRow: er, endCol: ec, children: p.kids(children)}
	return n
}

// token makes an anonymous node for the token t (only the few tokens the
// tree's readers look at are kept).
func (p *fastParser) token(t flToken) *node {
	n := p.mk(t.text, int(t.start), int(t.end))
	n.named = false
	return n
}

func field(name string, n *node) *node {
	if n != nil {
		n.field = name
	}
	return n
}

func (p *fastParser) push(n *node) {
	if n != nil {
		p.stack = append(p.stack, n)
	}
}

// pop returns the nodes pushed since mark, and removes them.
func (p *fastParser) pop(mark int) []*node {
	out := p.kids(p.stack[mark:])
	p.stack = p.stack[:mark]
	return out
}

// mkFrom makes a node whose children were pushed since mark.
func (p *fastParser) mkFrom(kind string, start, end, mark int) *node {
	n := p.mk(kind, start, end)
	n.children = p.pop(mark)
	return n
}

// --- tokens

func (p *fastParser) tok() flToken  { return p.toks[p.i] }
func (p *fastParser) peek() flToken { return p.toks[min(p.i+1, len(p.toks)-1)] }
func (p *fastParser) next() flToken {
	t := p.toks[p.i]
	if t.kind != flEOF {
		p.i++
	}
	return t
}

func (p *fastParser) isOp(s string) bool {
	t := p.toks[p.i]
	return t.kind == flOp && t.text == s
}

func (p *fastParser) isName(s string) bool {
	t := p.toks[p.i]
	return t.kind == flName && t.text == s
}

func (p *fastParser) expectOp(s string) flToken {
	if !p.isOp(s) {
		p.fail()
	}
	return p.next()
}

func (p *fastParser) expectName(s string) flToken {
	if !p.isName(s) {
		p.fail()
	}
	return p.next()
}

func (p *fastParser) expectKind(k flKind) flToken {
	if p.tok().kind != k {
		p.fail()
	}
	return p.next()
}

func (p *fastParser) enter() {
	if p.depth++; p.depth > maxFastDepth {
		p.fail()
	}
}

func (p *fastParser) leave() { p.depth-- }

// keywords are Python 3's reserved words.
var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// identifier reads a name that is not a reserved word.
func (p *fastParser) identifier() *node {
	t := p.tok()
	if t.kind != flName || keywords[t.text] {
		p.fail()
	}
	p.next()
	return p.mk("identifier", int(t.start), int(t.end))
}

// --- statements

func (p *fastParser) statement() *node {
	p.enter()
	defer p.leave()
	t := p.tok()
	if t.kind == flOp && t.text == "@" {
		return p.decorated()
	}
	if t.kind != flName && t.kind != flString && t.kind != flNumber && t.kind != flOp {
		p.fail()
	}
	if t.kind == flName {
		switch t.text {
		case "def":
			return p.functionDef()
		case "class":
			return p.classDef()
		case "if":
			return p.ifStatement()
		case "for":
			return p.forStatement()
		case "while":
			return p.whileStatement()
		case "try":
			return p.tryStatement()
		case "with":
			return p.withStatement()
		case "async":
			return p.asyncStatement()
		case "match":
			// A soft keyword: `match x:` is the statement; `match = ...`,
			// `match.group()` and `match(...)` are a name.
			if n := p.peek(); n.kind == flName && !keywords[n.text] {
				return p.matchStatement()
			}
		}
	}
	s := p.simpleStatement()
	p.expectKind(flNewline)
	return s
}

func (p *fastParser) simpleStatement() *node {
	t := p.tok()
	if t.kind == flName {
		switch t.text {
		case "pass", "break", "continue":
			p.next()
			return p.mk(t.text+"_statement", int(t.start), int(t.end))
		case "return":
			p.next()
			mark := len(p.stack)
			end := int(t.end)
			if !p.atStatementEnd() {
				e := p.expressions()
				p.push(e)
				end = e.end
			}
			return p.mkFrom("return_statement", int(t.start), end, mark)
		case "raise":
			p.next()
			mark := len(p.stack)
			end := int(t.end)
			if !p.atStatementEnd() {
				e := p.expression()
				p.push(e)
				end = e.end
				if p.isName("from") {
					p.next()
					c := field("cause", p.expression())
					p.push(c)
					end = c.end
				}
			}
			return p.mkFrom("raise_statement", int(t.start), end, mark)
		case "global", "nonlocal":
			p.next()
			mark := len(p.stack)
			id := p.identifier()
			p.push(id)
			end := id.end
			for p.isOp(",") {
				p.next()
				id = p.identifier()
				p.push(id)
				end = id.end
			}
			return p.mkFrom(t.text+"_statement", int(t.start), end, mark)
		case "del":
			p.next()
			e := p.expressions()
			return p.mk("delete_statement", int(t.start), e.end, e)
		case "assert":
			p.next()
			mark := len(p.stack)
			e := p.expression()
			p.push(e)
			end := e.end
			if p.isOp(",") {
				p.next()
				m := p.expression()
				p.push(m)
				end = m.end
			}
			return p.mkFrom("assert_statement", int(t.start), end, mark)
		case "import":
			return p.importStatement()
		case "from":
			return p.fromImport()
		case "print":
			switch n := p.peek(); {
			case n.kind == flOp && n.text == "(" && n.start == t.end, n.kind == flNewline:
				// print(...) is a call and a bare print a name, in both
				// Pythons.
			case n.kind == flString || n.kind == flNumber || n.kind == flName && !keywords[n.text]:
				return p.printStatement()
			default:
				// `print -1`, `print (x)`, `print >>f, x`: tree-sitter
				// weighs a call or an operator against the statement.
				p.fail()
			}
		case "exec":
			// Python 2's exec statement is tree-sitter's to recognise.
			if n := p.peek(); !(n.kind == flOp && n.text == "(" && n.start == t.end) {
				p.fail()
			}
		case "match", "case", "type":
			// Soft keywords: only as a plain name.
			if n := p.peek(); !(n.kind == flOp && (n.text == "=" || n.text == "." || n.text == ":")) {
				p.fail()
			}
		case "async", "else", "elif", "except", "finally", "as", "in", "is", "and", "or":
			p.fail()
		}
	}
	return p.expressionStatement()
}

// printStatement reads Python 2's print statement (`print "x", y,`), as
// tree-sitter does: Python 2 projects' revisions and modules are full of
// them. Only a print followed by what cannot continue an expression (a
// name, a string, a number) comes here: no other reading exists.
func (p *fastParser) printStatement() *node {
	t := p.next()
	mark := len(p.stack)
	var end int
	for {
		arg := field("argument", p.expression())
		p.push(arg)
		end = arg.end
		if !p.isOp(",") {
			break
		}
		end = int(p.next().end)
		if p.atStatementEnd() {
			break
		}
	}
	return p.mkFrom("print_statement", int(t.start), end, mark)
}

func (p *fastParser) atStatementEnd() bool {
	k := p.tok().kind
	return k == flNewline || k == flEOF
}

// expressionStatement reads an expression, an assignment or an augmented
// assignment.
func (p *fastParser) expressionStatement() *node {
	if p.isName("yield") {
		y := p.yieldExpression()
		return p.mk("expression_statement", y.start, y.end, y)
	}
	first := p.expressions()
	switch {
	case p.isOp("="):
		a := p.assignment(first)
		return p.mk("expression_statement", a.start, a.end, a)
	case p.isOp(":"):
		left := p.target(first)
		p.next()
		ty := p.typeAnnotation()
		mark := len(p.stack)
		p.push(field("left", left))
		p.push(field("type", ty))
		end := ty.end
		if p.isOp("=") {
			p.next()
			right := field("right", p.rightHandSide())
			p.push(right)
			end = right.end
		}
		a := p.mkFrom("assignment", left.start, end, mark)
		return p.mk("expression_statement", a.start, a.end, a)
	case p.tok().kind == flOp && augmented[p.tok().text]:
		left := p.target(first)
		op := p.next()
		right := p.rightHandSide()
		a := p.mk("augmented_assignment", left.start, right.end, field("left", left), field("operator", p.token(op)), field("right", right))
		return p.mk("expression_statement", a.start, a.end, a)
	}
	if first.kind == "expression_list" {
		p.fail() // `a, b` as a statement: tree-sitter keeps no expression_list
	}
	return p.mk("expression_statement", first.start, first.end, first)
}

var augmented = map[string]bool{"+=": true, "-=": true, "*=": true, "/=": true, "//=": true, "%=": true, "**=": true,
	">>=": true, "<<=": true, "&=": true, "^=": true, "|=": true, "@=": true}

// assignment reads `= value` after left; chains nest to the right.
func (p *fastParser) assignment(left *node) *node {
	left = p.target(left)
	p.expectOp("=")
	right := p.rightHandSide()
	if p.isOp("=") && right.kind != "yield" {
		right = p.assignment(right)
	}
	return p.mk("assignment", left.start, right.end, field("left", left), field("right", right))
}

// rightHandSide reads what follows "=": expressions or a yield.
func (p *fastParser) rightHandSide() *node {
	if p.isName("yield") {
		return p.yieldExpression()
	}
	return p.expressions()
}

// yieldExpression reads `yield`, `yield x`, `yield a, b`, `yield from x`.
func (p *fastParser) yieldExpression() *node {
	t := p.expectName("yield")
	if p.isName("from") {
		p.next()
		e := p.expression()
		return p.mk("yield", int(t.start), e.end, e)
	}
	if p.atExpressionsEnd() {
		return p.mk("yield", int(t.start), int(t.end))
	}
	e := p.expressions()
	return p.mk("yield", int(t.start), e.end, e)
}

// asyncStatement reads async def, async for and async with: the same
// nodes, starting at async.
func (p *fastParser) asyncStatement() *node {
	a := p.next()
	var n *node
	switch {
	case p.isName("def"):
		n = p.functionDef()
	case p.isName("for"):
		n = p.forStatement()
	case p.isName("with"):
		n = p.withStatement()
	default:
		p.fail()
	}
	n.start = int(a.start)
	n.startRow, n.startCol = p.rowCol(n.start)
	return n
}

// target turns an expression on the left of "=" into the pattern
// tree-sitter reads there.
func (p *fastParser) target(n *node) *node {
	switch n.kind {
	case "identifier", "attribute", "subscript":
		return n
	case "expression_list", "tuple", "list":
		for i, c := range n.children {
			if c.named {
				n.children[i] = p.target(c)
			}
		}
		n.kind = map[string]string{"expression_list": "pattern_list", "tuple": "tuple_pattern", "list": "list_pattern"}[n.kind]
		if n.kind == "tuple_pattern" && len(n.children) == 0 {
			p.fail()
		}
		return n
	}
	p.fail()
	return nil
}

// typeAnnotation reads a type. tree-sitter has a grammar of its own for
// types and fails on some valid ones; the readers of the tree only look
// into a type for identifiers, so the forms tree-sitter reads like
// expressions are kept as expressions and the others go to tree-sitter.
func (p *fastParser) typeAnnotation() *node {
	e := p.expression()
	if !simpleType(e, false) {
		p.fail()
	}
	return p.mk("type", e.start, e.end, e)
}

// simpleType accepts names, dotted names, strings, None, one subscript
// of a name (Union[str, None], Callable[[int], str]) and unions (a | b);
// inside a subscript also literals and calls (Literal[True],
// Annotated[str, Field(gt=0)]), which tree-sitter reads as expressions.
func simpleType(n *node, inSubscript bool) bool {
	switch n.kind {
	case "identifier", "none", "string":
		return true
	case "ellipsis", "true", "false", "integer", "float":
		return inSubscript
	case "call":
		return inSubscript && dottedChain(n.child("function"))
	case "parenthesized_expression":
		// -> ('a.B'), to wrap a long line.
		return len(n.children) == 1 && simpleType(n.children[0], inSubscript)
	case "attribute":
		return dottedChain(n)
	case "subscript":
		for _, c := range n.children {
			switch c.field {
			case "value":
				if !dottedChain(c) {
					return false
				}
			case "subscript":
				if c.kind == "list" {
					for _, e := range c.children {
						if !simpleType(e, true) {
							return false
						}
					}
				} else if !simpleType(c, true) {
					return false
				}
			}
		}
		return true
	case "binary_operator":
		left, op, right := n.child("left"), n.child("operator"), n.child("right")
		return op != nil && op.kind == "|" && simpleType(left, inSubscript) && simpleType(right, inSubscript)
	}
	return false
}

func dottedChain(n *node) bool {
	for n.kind == "attribute" {
		n = n.child("object")
	}
	return n.kind == "identifier"
}

func (p *fastParser) dottedName() *node {
	mark := len(p.stack)
	id := p.identifier()
	p.push(id)
	end := id.end
	for p.isOp(".") {
		p.next()
		id = p.identifier()
		p.push(id)
		end = id.end
	}
	return p.mkFrom("dotted_name", p.stack[mark].start, end, mark)
}

// importName reads `a.b` or `a.b as c`.
func (p *fastParser) importName(dotted bool) *node {
	var name *node
	if dotted {
		name = p.dottedName()
	} else {
		id := p.identifier()
		name = p.mk("dotted_name", id.start, id.end, id)
	}
	if p.isName("as") {
		p.next()
		alias := p.identifier()
		return field("name", p.mk("aliased_import", name.start, alias.end, field("name", name), field("alias", alias)))
	}
	return field("name", name)
}

func (p *fastParser) importStatement() *node {
	t := p.next()
	mark := len(p.stack)
	n := p.importName(true)
	p.push(n)
	end := n.end
	for p.isOp(",") {
		p.next()
		n = p.importName(true)
		p.push(n)
		end = n.end
	}
	return p.mkFrom("import_statement", int(t.start), end, mark)
}

func (p *fastParser) fromImport() *node {
	t := p.next()
	kind := "import_from_statement"
	mark := len(p.stack)
	switch {
	case p.isName("__future__"):
		kind = "future_import_statement"
		p.next()
	case p.isOp(".") || p.isOp("..."):
		start := int(p.tok().start)
		pm := len(p.stack)
		for p.isOp(".") || p.isOp("...") {
			p.next()
		}
		prefix := p.mk("import_prefix", start, int(p.toks[p.i-1].end))
		p.push(prefix)
		end := prefix.end
		if !p.isName("import") {
			d := p.dottedName()
			p.push(d)
			end = d.end
		}
		p.push(field("module_name", p.mkFrom("relative_import", start, end, pm)))
	default:
		p.push(field("module_name", p.dottedName()))
	}
	p.expectName("import")
	end := 0
	switch {
	case p.isOp("*"):
		s := p.next()
		if kind == "future_import_statement" {
			p.fail()
		}
		p.push(p.mk("wildcard_import", int(s.start), int(s.end)))
		end = int(s.end)
	case p.isOp("("):
		p.next()
		for {
			n := p.importName(false)
			p.push(n)
			if !p.isOp(",") {
				break
			}
			p.next()
			if p.isOp(")") {
				break
			}
		}
		end = int(p.expectOp(")").end)
	default:
		for {
			n := p.importName(false)
			p.push(n)
			end = n.end
			if !p.isOp(",") {
				break
			}
			p.next()
		}
	}
	return p.mkFrom(kind, int(t.start), end, mark)
}

// suite reads the body after ':': an indented block, or simple
// statements on the same line.
func (p *fastParser) suite() *node {
	if p.tok().kind != flNewline {
		s := p.simpleStatement()
		nl := p.expectKind(flNewline)
		return p.mk("block", s.start, int(nl.end), s)
	}
	p.next()
	p.expectKind(flIndent)
	mark := len(p.stack)
	for p.tok().kind != flDedent {
		if p.tok().kind == flEOF {
			p.fail()
		}
		p.push(p.statement())
	}
	d := p.next()
	return p.mkFrom("block", p.stack[mark].start, int(d.end), mark)
}

func (p *fastParser) decorated() *node {
	start := int(p.tok().start)
	mark := len(p.stack)
	for p.isOp("@") {
		at := p.next()
		e := p.expression()
		nl := p.expectKind(flNewline)
		p.push(p.mk("decorator", int(at.start), int(nl.end), e))
	}
	var def *node
	switch {
	case p.isName("def"):
		def = p.functionDef()
	case p.isName("class"):
		def = p.classDef()
	case p.isName("async"):
		def = p.asyncStatement()
		if def.kind != "function_definition" {
			p.fail()
		}
	default:
		p.fail()
	}
	p.push(field("definition", def))
	return p.mkFrom("decorated_definition", start, def.end, mark)
}

func (p *fastParser) functionDef() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("name", p.identifier()))
	p.push(field("parameters", p.parameters()))
	if p.isOp("->") {
		p.next()
		p.push(field("return_type", p.typeAnnotation()))
	}
	p.expectOp(":")
	body := field("body", p.suite())
	p.push(body)
	return p.mkFrom("function_definition", int(t.start), body.end, mark)
}

// parameters reads a def's parameter list.
func (p *fastParser) parameters() *node {
	open := p.expectOp("(")
	mark := len(p.stack)
	for !p.isOp(")") {
		p.push(p.parameter(true))
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	close := p.expectOp(")")
	return p.mkFrom("parameters", int(open.start), int(close.end), mark)
}

func (p *fastParser) parameter(annotated bool) *node {
	switch {
	case p.isOp("*"):
		s := p.next()
		if p.isOp(",") || p.isOp(")") || p.isOp(":") && !annotated {
			return p.mk("keyword_separator", int(s.start), int(s.end))
		}
		id := p.identifier()
		return p.typedSplat(p.mk("list_splat_pattern", int(s.start), id.end, id), annotated)
	case p.isOp("**"):
		s := p.next()
		id := p.identifier()
		return p.typedSplat(p.mk("dictionary_splat_pattern", int(s.start), id.end, id), annotated)
	case p.isOp("/"):
		s := p.next()
		return p.mk("positional_separator", int(s.start), int(s.end))
	}
	id := p.identifier()
	var ty *node
	if annotated && p.isOp(":") {
		p.next()
		ty = field("type", p.typeAnnotation())
	}
	if p.isOp("=") {
		p.next()
		v := field("value", p.expression())
		if ty != nil {
			return p.mk("typed_default_parameter", id.start, v.end, field("name", id), ty, v)
		}
		return p.mk("default_parameter", id.start, v.end, field("name", id), v)
	}
	if ty != nil {
		return p.mk("typed_parameter", id.start, ty.end, id, ty)
	}
	return id
}

// typedSplat reads the annotation of *args: T or **kwargs: T.
func (p *fastParser) typedSplat(splat *node, annotated bool) *node {
	if !annotated || !p.isOp(":") {
		return splat
	}
	p.next()
	ty := field("type", p.typeAnnotation())
	return p.mk("typed_parameter", splat.start, ty.end, splat, ty)
}

func (p *fastParser) classDef() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("name", p.identifier()))
	if p.isOp("(") {
		p.push(field("superclasses", p.arguments(false)))
	}
	p.expectOp(":")
	body := field("body", p.suite())
	p.push(body)
	return p.mkFrom("class_definition", int(t.start), body.end, mark)
}

func (p *fastParser) ifStatement() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("condition", p.namedExpression()))
	p.expectOp(":")
	body := field("consequence", p.suite())
	p.push(body)
	end := body.end
	for p.isName("elif") {
		e := p.next()
		em := len(p.stack)
		p.push(field("condition", p.namedExpression()))
		p.expectOp(":")
		b := field("consequence", p.suite())
		p.push(b)
		clause := field("alternative", p.mkFrom("elif_clause", int(e.start), b.end, em))
		p.push(clause)
		end = clause.end
	}
	end = p.alternative(end)
	return p.mkFrom("if_statement", int(t.start), end, mark)
}

// alternative pushes the else clause that may follow an if, for or while
// body, as its alternative field, and returns where the statement ends.
func (p *fastParser) alternative(end int) int {
	if !p.isName("else") {
		return end
	}
	clause := field("alternative", p.elseClause())
	p.push(clause)
	return clause.end
}

func (p *fastParser) elseClause() *node {
	e := p.next()
	p.expectOp(":")
	b := field("body", p.suite())
	return p.mk("else_clause", int(e.start), b.end, b)
}

func (p *fastParser) forStatement() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("left", p.targets()))
	p.expectName("in")
	p.push(field("right", p.expressions()))
	p.expectOp(":")
	body := field("body", p.suite())
	p.push(body)
	end := body.end
	end = p.alternative(end)
	return p.mkFrom("for_statement", int(t.start), end, mark)
}

func (p *fastParser) whileStatement() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("condition", p.namedExpression()))
	p.expectOp(":")
	body := field("body", p.suite())
	p.push(body)
	end := body.end
	end = p.alternative(end)
	return p.mkFrom("while_statement", int(t.start), end, mark)
}

func (p *fastParser) tryStatement() *node {
	t := p.next()
	mark := len(p.stack)
	p.expectOp(":")
	body := field("body", p.suite())
	p.push(body)
	end := body.end
	handlers := 0
	for p.isName("except") {
		e := p.next()
		em := len(p.stack)
		if p.isOp("*") {
			p.fail()
		}
		if !p.isOp(":") {
			v := p.expression()
			if p.isOp(",") {
				p.fail() // Python 2's `except X, e`
			}
			if p.isName("as") {
				p.next()
				alias := p.identifier()
				target := field("alias", p.mk("as_pattern_target", alias.start, alias.end, alias))
				v = p.mk("as_pattern", v.start, alias.end, v, target)
			}
			p.push(field("value", v))
		}
		p.expectOp(":")
		b := p.suite()
		p.push(b)
		p.push(p.mkFrom("except_clause", int(e.start), b.end, em))
		end = b.end
		handlers++
	}
	if p.isName("else") {
		if handlers == 0 {
			p.fail()
		}
		clause := p.elseClause()
		p.push(clause)
		end = clause.end
	}
	if p.isName("finally") {
		f := p.next()
		p.expectOp(":")
		b := p.suite()
		clause := p.mk("finally_clause", int(f.start), b.end, b)
		p.push(clause)
		end = clause.end
	} else if handlers == 0 {
		p.fail()
	}
	return p.mkFrom("try_statement", int(t.start), end, mark)
}

func (p *fastParser) withStatement() *node {
	t := p.next()
	if p.isOp("(") {
		p.fail() // parenthesized with-items: rare, and ambiguous
	}
	cm := len(p.stack)
	for {
		v := p.expression()
		if p.isName("as") {
			p.next()
			alias := p.target(p.primaryTarget())
			target := field("alias", p.mk("as_pattern_target", alias.start, alias.end, alias))
			v = p.mk("as_pattern", v.start, alias.end, v, target)
		}
		p.push(p.mk("with_item", v.start, v.end, field("value", v)))
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	clause := p.mkFrom("with_clause", p.stack[cm].start, p.stack[len(p.stack)-1].end, cm)
	p.expectOp(":")
	body := field("body", p.suite())
	return p.mk("with_statement", int(t.start), body.end, clause, body)
}

// targets reads the targets of a for statement or clause: `x`, `a, b`.
func (p *fastParser) targets() *node {
	first := p.primaryTarget()
	if !p.isOp(",") {
		return p.target(first)
	}
	mark := len(p.stack)
	p.push(p.target(first))
	end := first.end
	for p.isOp(",") {
		end = int(p.next().end)
		if p.isName("in") {
			break
		}
		t := p.target(p.primaryTarget())
		p.push(t)
		end = t.end
	}
	return p.mkFrom("pattern_list", first.start, end, mark)
}

// primaryTarget reads one assignment target without operators.
func (p *fastParser) primaryTarget() *node {
	if p.isOp("*") {
		p.fail()
	}
	return p.primary()
}

// placeComments puts each comment where tree-sitter does: in the deepest
// node whose extent holds it. tree-sitter moves comments before a node's
// first token and after its last one out to the parent, so a comment is
// never at either end of a node; only a block may end with one, because
// the block's hidden DEDENT comes after the comments indented for it, and
// the lexer put the block's end there.
func (p *fastParser) placeComments(root *node) {
	if len(p.lex.comments) == 0 {
		return
	}
	// Find every comment's node first, then merge each node's comments
	// into its children once: inserting one by one is quadratic in a
	// block holding thousands of comment lines.
	type placed struct {
		in      *node
		comment *node
	}
	var list []placed
	for _, c := range p.lex.comments {
		n := root
		for {
			kids := n.children
			lo, hi := 0, len(kids)
			for lo < hi {
				mid := (lo + hi) / 2
				if kids[mid].end <= c.start {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			if lo < len(kids) && kids[lo].start <= c.start && c.end <= kids[lo].end {
				n = kids[lo]
				continue
			}
			break
		}
		list = append(list, placed{n, p.mk("comment", c.start, c.end)})
	}
	byNode := map[*node][]*node{}
	var order []*node
	for _, pl := range list {
		if _, ok := byNode[pl.in]; !ok {
			order = append(order, pl.in)
		}
		byNode[pl.in] = append(byNode[pl.in], pl.comment)
	}
	for _, n := range order {
		comments := byNode[n]
		merged := make([]*node, 0, len(n.children)+len(comments))
		i := 0
		for _, c := range comments {
			for i < len(n.children) && n.children[i].start < c.start {
				merged = append(merged, n.children[i])
				i++
			}
			merged = append(merged, c)
		}
		n.children = append(merged, n.children[i:]...)
	}
}

// matchStatement reads `match subject:` and its case clauses, with the
// patterns tree-sitter's grammar gives the common forms (class patterns
// with keyword arguments, captures, literals, `_`, `as`); unions,
// sequences, mappings and several subjects or patterns are left to
// tree-sitter.
func (p *fastParser) matchStatement() *node {
	t := p.next()
	mark := len(p.stack)
	p.push(field("subject", p.expression()))
	p.expectOp(":")
	// The block of cases starts where the line break does: tree-sitter's
	// grammar puts the indent inside it.
	nl := p.expectKind(flNewline)
	p.expectKind(flIndent)
	cases := len(p.stack)
	for p.isName("case") {
		p.push(field("alternative", p.caseClause()))
	}
	if len(p.stack) == cases || p.tok().kind != flDedent {
		p.fail()
	}
	d := p.next()
	body := field("body", p.mkFrom("block", int(nl.start), int(d.end), cases))
	p.push(body)
	return p.mkFrom("match_statement", int(t.start), body.end, mark)
}

func (p *fastParser) caseClause() *node {
	c := p.next()
	mark := len(p.stack)
	p.push(p.casePattern())
	if p.isName("if") {
		i := p.next()
		e := p.expression()
		p.push(field("guard", p.mk("if_clause", int(i.start), e.end, e)))
	}
	p.expectOp(":")
	body := field("consequence", p.suite())
	p.push(body)
	return p.mkFrom("case_clause", int(c.start), body.end, mark)
}

// casePattern reads one pattern, with an optional `as name`.
func (p *fastParser) casePattern() *node {
	s := p.simplePattern()
	cp := p.mk("case_pattern", s.start, s.end, s)
	if !p.isName("as") {
		return cp
	}
	p.next()
	id := p.identifier()
	as := p.mk("as_pattern", s.start, id.end, cp, id)
	return p.mk("case_pattern", as.start, as.end, as)
}

// simplePattern reads a class pattern, a capture or dotted value, a
// string, a number or a constant, or `_`.
func (p *fastParser) simplePattern() *node {
	t := p.tok()
	switch t.kind {
	case flString:
		return p.strings()
	case flNumber:
		if c := t.text[len(t.text)-1] | 0x20; c == 'j' {
			p.fail() // a complex literal: complex_pattern
		}
		return p.atom()
	case flName:
		switch t.text {
		case "None", "True", "False":
			return p.atom()
		case "_":
			p.next()
			return p.token(t)
		}
		d := p.dottedName()
		if p.isOp("(") {
			return p.classPattern(d)
		}
		return d
	}
	p.fail()
	return nil
}

// classPattern reads the arguments of `Name(a, key=b)`.
func (p *fastParser) classPattern(name *node) *node {
	p.enter()
	defer p.leave()
	p.next()
	mark := len(p.stack)
	p.push(name)
	for !p.isOp(")") {
		// key=pattern; tree-sitter refuses _ as the key (fuzzing found it).
		if t := p.tok(); t.kind == flName && !keywords[t.text] && t.text != "_" && p.peek().kind == flOp && p.peek().text == "=" {
			id := p.identifier()
			p.next()
			v := p.simplePattern()
			kw := p.mk("keyword_pattern", id.start, v.end, id, v)
			p.push(p.mk("case_pattern", kw.start, kw.end, kw))
		} else {
			p.push(p.casePattern())
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	close := p.expectOp(")")
	return p.mkFrom("class_pattern", name.start, int(close.end), mark)
}

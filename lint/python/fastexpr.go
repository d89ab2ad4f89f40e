package python

// Expressions of the fast parser, with tree-sitter-python's precedences
// (which put ^ above &, unlike Python: the tree must be tree-sitter's).

import "bytes"

// expressions reads `a` or `a, b, ...` (an expression_list).
func (p *fastParser) expressions() *node {
	first := p.expression()
	if !p.isOp(",") {
		return first
	}
	mark := len(p.stack)
	p.push(first)
	end := first.end
	for p.isOp(",") {
		end = int(p.next().end)
		if p.atExpressionsEnd() {
			break
		}
		e := p.expression()
		p.push(e)
		end = e.end
	}
	return p.mkFrom("expression_list", first.start, end, mark)
}

// atExpressionsEnd: nothing more of an expression list follows.
func (p *fastParser) atExpressionsEnd() bool {
	t := p.tok()
	switch t.kind {
	case flNewline, flEOF, flDedent, flIndent:
		return true
	case flOp:
		switch t.text {
		case "=", ")", "]", "}", ":":
			return true
		}
		return augmented[t.text]
	}
	return false
}

// namedExpression reads `name := value` where Python allows it without
// parentheses (conditions, arguments, elements), or an expression.
func (p *fastParser) namedExpression() *node {
	if t, n := p.tok(), p.peek(); t.kind == flName && n.kind == flOp && n.text == ":=" {
		p.enter()
		defer p.leave()
		name := field("name", p.identifier())
		p.next()
		value := field("value", p.expression())
		return p.mk("named_expression", name.start, value.end, name, value)
	}
	return p.expression()
}

// expression: a lambda or a conditional expression.
func (p *fastParser) expression() *node {
	p.enter()
	defer p.leave()
	if p.isName("lambda") {
		return p.lambda()
	}
	e := p.disjunction()
	if p.isName("if") {
		p.next()
		cond := p.disjunction()
		p.expectName("else")
		other := p.expression()
		return p.mk("conditional_expression", e.start, other.end, e, cond, other)
	}
	return e
}

func (p *fastParser) lambda() *node {
	t := p.next()
	mark := len(p.stack)
	if !p.isOp(":") {
		pm := len(p.stack)
		for !p.isOp(":") {
			p.push(p.parameter(false))
			if !p.isOp(",") {
				break
			}
			p.next()
		}
		params := p.mkFrom("lambda_parameters", p.stack[pm].start, p.stack[len(p.stack)-1].end, pm)
		p.push(field("parameters", params))
	}
	p.expectOp(":")
	body := field("body", p.expression())
	p.push(body)
	return p.mkFrom("lambda", int(t.start), body.end, mark)
}

func (p *fastParser) disjunction() *node {
	left := p.conjunction()
	for p.isName("or") {
		op := p.next()
		right := p.conjunction()
		left = p.mk("boolean_operator", left.start, right.end, field("left", left), field("operator", p.token(op)), field("right", right))
	}
	return left
}

func (p *fastParser) conjunction() *node {
	left := p.inversion()
	for p.isName("and") {
		op := p.next()
		right := p.inversion()
		left = p.mk("boolean_operator", left.start, right.end, field("left", left), field("operator", p.token(op)), field("right", right))
	}
	return left
}

func (p *fastParser) inversion() *node {
	if p.isName("not") {
		p.enter()
		defer p.leave()
		t := p.next()
		arg := field("argument", p.inversion())
		return p.mk("not_operator", int(t.start), arg.end, arg)
	}
	return p.comparison()
}

// comparison reads a chain of comparisons into one flat node.
func (p *fastParser) comparison() *node {
	first := p.binary(0)
	if !p.atComparison() {
		return first
	}
	mark := len(p.stack)
	p.push(first)
	end := first.end
	for p.atComparison() {
		t := p.next()
		if t.text == "not" {
			p.expectName("in")
		} else if t.text == "is" && p.isName("not") {
			p.next()
		}
		e := p.binary(0)
		p.push(e)
		end = e.end
	}
	return p.mkFrom("comparison_operator", first.start, end, mark)
}

func (p *fastParser) atComparison() bool {
	t := p.tok()
	switch t.kind {
	case flOp:
		switch t.text {
		case "<", ">", "==", ">=", "<=", "!=":
			return true
		}
	case flName:
		switch t.text {
		case "in", "is":
			return true
		case "not":
			n := p.peek()
			return n.kind == flName && n.text == "in"
		}
	}
	return false
}

// binaryLevel is the precedence of a binary operator token as
// tree-sitter-python ranks them, lowest first (| & ^, shifts, + -, then
// * / // % @), or -1 for any other token.
func binaryLevel(t flToken) int {
	if t.kind != flOp {
		return -1
	}
	switch t.text {
	case "|":
		return 0
	case "&":
		return 1
	case "^":
		return 2
	case "<<", ">>":
		return 3
	case "+", "-":
		return 4
	case "*", "/", "//", "%", "@":
		return 5
	}
	return -1
}

// binary reads the binary operators of precedence level and higher, by
// precedence climbing: each operand is one factor, and an operator binding
// tighter than the one before it takes the operand on its right. The
// recursive descent it replaces (one call per level) made six calls and
// six token comparisons for every name and number; the trees are the
// same, left-associative at every level.
func (p *fastParser) binary(level int) *node {
	left := p.factor()
	for {
		t := p.tok()
		op := binaryLevel(t)
		if op < level {
			return left
		}
		p.next()
		right := p.binary(op + 1)
		left = p.mk("binary_operator", left.start, right.end, field("left", left), field("operator", p.token(t)), field("right", right))
	}
}

// factor: unary operators, then the power operator.
func (p *fastParser) factor() *node {
	if t := p.tok(); t.kind == flOp && (t.text == "-" || t.text == "+" || t.text == "~") {
		p.enter()
		defer p.leave()
		p.next()
		arg := field("argument", p.factor())
		return p.mk("unary_operator", int(t.start), arg.end, field("operator", p.token(t)), arg)
	}
	if t := p.tok(); t.kind == flName && t.text == "await" {
		// await binds like a unary operator: looser than **.
		p.enter()
		defer p.leave()
		p.next()
		arg := p.power()
		return p.mk("await", int(t.start), arg.end, arg)
	}
	return p.power()
}

// power reads a primary and an optional ** exponent.
func (p *fastParser) power() *node {
	base := p.primary()
	if p.isOp("**") {
		p.enter()
		defer p.leave()
		t := p.next()
		right := p.factor()
		return p.mk("binary_operator", base.start, right.end, field("left", base), field("operator", p.token(t)), field("right", right))
	}
	return base
}

// primary reads an atom and its trailers: attributes, calls, subscripts.
func (p *fastParser) primary() *node {
	n := p.atom()
	for {
		switch {
		case p.isOp("."):
			p.next()
			attr := field("attribute", p.identifier())
			n = p.mk("attribute", n.start, attr.end, field("object", n), attr)
		case p.isOp("("):
			args := field("arguments", p.arguments(true))
			n = p.mk("call", n.start, args.end, field("function", n), args)
		case p.isOp("["):
			n = p.subscript(n)
		default:
			return n
		}
	}
}

// arguments reads a call's argument list; `f(x for x in y)` is a call
// with a generator expression.
func (p *fastParser) arguments(generator bool) *node {
	p.enter()
	defer p.leave()
	open := p.expectOp("(")
	mark := len(p.stack)
	for !p.isOp(")") {
		var a *node
		t := p.tok()
		switch {
		case t.kind == flOp && t.text == "*":
			p.next()
			e := p.expression()
			a = p.mk("list_splat", int(t.start), e.end, e)
		case t.kind == flOp && t.text == "**":
			p.next()
			e := p.expression()
			a = p.mk("dictionary_splat", int(t.start), e.end, e)
		case t.kind == flName && !keywords[t.text] && p.peek().kind == flOp && p.peek().text == "=":
			name := field("name", p.identifier())
			p.next()
			v := field("value", p.expression())
			a = p.mk("keyword_argument", name.start, v.end, name, v)
		default:
			a = p.namedExpression()
			if p.isName("for") {
				if !generator || len(p.stack) != mark {
					p.fail()
				}
				p.push(field("body", a))
				p.comprehensionClauses()
				close := p.expectOp(")")
				return p.mkFrom("generator_expression", int(open.start), int(close.end), mark)
			}
		}
		p.push(a)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	close := p.expectOp(")")
	return p.mkFrom("argument_list", int(open.start), int(close.end), mark)
}

func (p *fastParser) subscript(value *node) *node {
	p.enter()
	defer p.leave()
	p.expectOp("[")
	mark := len(p.stack)
	p.push(field("value", value))
	for {
		p.push(field("subscript", p.sliceOrExpression()))
		if !p.isOp(",") {
			break
		}
		p.next()
		if p.isOp("]") {
			break
		}
	}
	close := p.expectOp("]")
	return p.mkFrom("subscript", value.start, int(close.end), mark)
}

// sliceOrExpression reads `a`, or a slice `a:b:c` with any part left out.
func (p *fastParser) sliceOrExpression() *node {
	if p.isOp("*") {
		p.fail()
	}
	var first *node
	if !p.isOp(":") {
		first = p.expression()
		if !p.isOp(":") {
			return first
		}
	}
	start := int(p.tok().start)
	if first != nil {
		start = first.start
	}
	mark := len(p.stack)
	p.push(first)
	end := 0
	for colons := 0; colons < 2 && p.isOp(":"); colons++ {
		end = int(p.next().end)
		if !p.isOp(":") && !p.isOp(",") && !p.isOp("]") {
			e := p.expression()
			p.push(e)
			end = e.end
		}
	}
	return p.mkFrom("slice", start, end, mark)
}

// comprehensionClauses reads `for x in y if z ...` after the body.
func (p *fastParser) comprehensionClauses() {
	for p.isName("for") || p.isName("async") {
		t := p.next()
		if t.text == "async" {
			p.expectName("for")
		}
		cm := len(p.stack)
		p.push(field("left", p.targets()))
		p.expectName("in")
		right := field("right", p.disjunction())
		p.push(right)
		if p.isOp(",") {
			p.fail()
		}
		p.push(p.mkFrom("for_in_clause", int(t.start), right.end, cm))
		for p.isName("if") {
			it := p.next()
			cond := p.disjunction()
			if p.isName("else") {
				p.fail()
			}
			p.push(p.mk("if_clause", int(it.start), cond.end, cond))
		}
	}
}

// atom reads names, literals and bracketed expressions.
func (p *fastParser) atom() *node {
	t := p.tok()
	switch t.kind {
	case flName:
		switch t.text {
		case "True", "False", "None":
			p.next()
			kind := map[string]string{"True": "true", "False": "false", "None": "none"}[t.text]
			return p.mk(kind, int(t.start), int(t.end))
		}
		return p.identifier()
	case flNumber:
		p.next()
		kind := "integer"
		if isFloat(t.text) {
			kind = "float"
		}
		return p.mk(kind, int(t.start), int(t.end))
	case flString:
		return p.strings()
	case flOp:
		switch t.text {
		case "(":
			return p.parenthesized()
		case "[":
			return p.list()
		case "{":
			return p.braces()
		case "...":
			p.next()
			return p.mk("ellipsis", int(t.start), int(t.end))
		}
	}
	p.fail()
	return nil
}

func isFloat(s string) bool {
	if len(s) > 1 && s[0] == '0' && (s[1]|0x20 == 'x' || s[1]|0x20 == 'o' || s[1]|0x20 == 'b') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i]|0x20 == 'e' {
			return true
		}
	}
	return false
}

// element reads a member of a tuple, list or set: an expression or *x.
func (p *fastParser) element() *node {
	if t := p.tok(); t.kind == flOp && t.text == "*" {
		p.next()
		e := p.expression()
		return p.mk("list_splat", int(t.start), e.end, e)
	}
	return p.namedExpression()
}

// firstElement is the first element of a list or set: tree-sitter reads
// a lone [*a.b()] as a call on an attribute of the splat, so a splat of
// anything but a name is left to it there, unless a comma follows
// ([*a.b(), c] is read as written).
func (p *fastParser) firstElement() *node {
	e := p.element()
	if e.kind == "list_splat" && (len(e.children) != 1 || e.children[0].kind != "identifier") {
		if len(e.children) != 1 || !primarySplat[e.children[0].kind] || !p.isOp(",") || p.peekClosing() {
			p.fail()
		}
	}
	return e
}

// primarySplat are the splatted expressions a first element may hold
// when a comma follows it.
var primarySplat = map[string]bool{"attribute": true, "subscript": true, "call": true}

// peekClosing reports whether the token after the current one closes a
// bracket.
func (p *fastParser) peekClosing() bool {
	n := p.peek()
	return n.kind == flOp && (n.text == ")" || n.text == "]" || n.text == "}")
}

func (p *fastParser) parenthesized() *node {
	p.enter()
	defer p.leave()
	open := p.next()
	if p.isOp(")") {
		close := p.next()
		return p.mk("tuple", int(open.start), int(close.end))
	}
	if p.isName("yield") {
		y := p.yieldExpression()
		close := p.expectOp(")")
		return p.mk("parenthesized_expression", int(open.start), int(close.end), y)
	}
	mark := len(p.stack)
	first := p.element()
	if p.isName("for") {
		if first.kind == "list_splat" {
			p.fail()
		}
		p.push(field("body", first))
		p.comprehensionClauses()
		close := p.expectOp(")")
		return p.mkFrom("generator_expression", int(open.start), int(close.end), mark)
	}
	if p.isOp(")") {
		close := p.next()
		if first.kind == "list_splat" {
			p.fail()
		}
		return p.mk("parenthesized_expression", int(open.start), int(close.end), first)
	}
	p.push(first)
	p.sequenceRest()
	close := p.expectOp(")")
	return p.mkFrom("tuple", int(open.start), int(close.end), mark)
}

// sequenceRest reads `, b, c [,]` up to a closing bracket.
func (p *fastParser) sequenceRest() {
	for p.isOp(",") {
		p.next()
		if p.isOp(")") || p.isOp("]") || p.isOp("}") {
			return
		}
		p.push(p.element())
	}
}

func (p *fastParser) list() *node {
	p.enter()
	defer p.leave()
	open := p.next()
	mark := len(p.stack)
	if !p.isOp("]") {
		first := p.firstElement()
		if p.isName("for") {
			if first.kind == "list_splat" {
				p.fail()
			}
			p.push(field("body", first))
			p.comprehensionClauses()
			close := p.expectOp("]")
			return p.mkFrom("list_comprehension", int(open.start), int(close.end), mark)
		}
		p.push(first)
		p.sequenceRest()
	}
	close := p.expectOp("]")
	return p.mkFrom("list", int(open.start), int(close.end), mark)
}

// braces reads a dictionary, a set, or their comprehensions.
func (p *fastParser) braces() *node {
	p.enter()
	defer p.leave()
	open := p.next()
	mark := len(p.stack)
	if p.isOp("}") {
		close := p.next()
		return p.mk("dictionary", int(open.start), int(close.end))
	}
	entry := func() *node {
		if t := p.tok(); t.kind == flOp && t.text == "**" {
			p.next()
			e := p.binary(0)
			return p.mk("dictionary_splat", int(t.start), e.end, e)
		}
		key := p.expression()
		p.expectOp(":")
		value := p.expression()
		return p.mk("pair", key.start, value.end, field("key", key), field("value", value))
	}
	// A dictionary starts with `key:` or `**`; a set with anything else.
	isDict := p.isOp("**")
	var first *node
	if !isDict {
		first = p.firstElement()
		isDict = p.isOp(":")
	}
	if isDict {
		var e *node
		if first == nil {
			e = entry()
		} else {
			if first.kind == "list_splat" {
				p.fail()
			}
			p.next()
			value := p.expression()
			e = p.mk("pair", first.start, value.end, field("key", first), field("value", value))
		}
		if p.isName("for") {
			if e.kind != "pair" {
				p.fail()
			}
			p.push(field("body", e))
			p.comprehensionClauses()
			close := p.expectOp("}")
			return p.mkFrom("dictionary_comprehension", int(open.start), int(close.end), mark)
		}
		p.push(e)
		for p.isOp(",") {
			p.next()
			if p.isOp("}") {
				break
			}
			p.push(entry())
		}
		close := p.expectOp("}")
		return p.mkFrom("dictionary", int(open.start), int(close.end), mark)
	}
	if p.isName("for") {
		if first.kind == "list_splat" {
			p.fail()
		}
		p.push(field("body", first))
		p.comprehensionClauses()
		close := p.expectOp("}")
		return p.mkFrom("set_comprehension", int(open.start), int(close.end), mark)
	}
	p.push(first)
	p.sequenceRest()
	close := p.expectOp("}")
	return p.mkFrom("set", int(open.start), int(close.end), mark)
}

// strings reads one string, or adjacent strings as a concatenated_string.
func (p *fastParser) strings() *node {
	first := p.stringNode(p.next())
	if p.tok().kind != flString {
		return first
	}
	mark := len(p.stack)
	p.push(first)
	end := first.end
	for p.tok().kind == flString {
		s := p.stringNode(p.next())
		p.push(s)
		end = s.end
	}
	return p.mkFrom("concatenated_string", first.start, end, mark)
}

// stringNode makes the node of one string literal: string_start, the
// interpolations of an f-string, string_end. (string_content and escape
// sequences are left out: nothing reads them.)
func (p *fastParser) stringNode(t flToken) *node {
	mark := len(p.stack)
	p.push(p.mk("string_start", int(t.start), int(t.mid)))
	format := false
	for _, c := range p.src[t.start:t.mid] {
		if c|0x20 == 'f' {
			format = true
		}
	}
	if format {
		p.interpolations(int(t.mid), int(t.close), p.src[t.mid-1])
	}
	p.push(p.mk("string_end", int(t.close), int(t.end)))
	return p.mkFrom("string", int(t.start), int(t.end), mark)
}

// interpolations reads the {expression!c:spec} parts of f-string content
// between from and to; quote is the string's quote character.
func (p *fastParser) interpolations(from, to int, quote byte) {
	s := p.src
	for i := from; i < to; i++ {
		switch s[i] {
		case '\\':
			// An escape; \N{...} holds braces, and a backslash before a
			// brace is read differently by Python versions.
			if i+1 < to && (s[i+1] == 'N' || s[i+1] == '{' || s[i+1] == '}') {
				p.fail()
			}
			i++
		case '}':
			if i+1 < to && s[i+1] == '}' {
				i++
				continue
			}
			p.fail()
		case '{':
			if i+1 < to && s[i+1] == '{' {
				i++
				continue
			}
			i = p.interpolation(i, to, quote)
		}
	}
}

// interpolation reads one {...} starting at open and returns the index
// of its closing brace. Strings inside use the other quote character.
func (p *fastParser) interpolation(open, to int, quote byte) int {
	s := p.src
	depth := 0
	end := -1
	for j := open + 1; j < to && end < 0; j++ {
		switch c := s[j]; c {
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
		case '}':
			if depth == 0 {
				end = j
			} else {
				depth--
			}
		case '!':
			if j+1 < to && s[j+1] == '=' {
				p.fail()
			}
			if depth == 0 {
				end = j
			}
		case ':':
			if depth == 0 {
				end = j
			}
		case '"', '\'':
			if c == quote {
				p.fail()
			}
			k := bytes.IndexByte(s[j+1:to], c)
			if k < 0 || bytes.ContainsAny(s[j+1:j+1+k], "\\{}\n") {
				p.fail()
			}
			j += k + 1
		case '=':
			// Inside brackets, a keyword argument or a comparison; at the
			// top, == or the end of a self-documenting {x=}.
			switch {
			case depth > 0:
			case j+1 < to && s[j+1] == '=':
				j++
			case s[j-1] == '<' || s[j-1] == '>':
			default:
				k := j + 1
				for k < to && s[k] == ' ' {
					k++
				}
				if k == to || (s[k] != '}' && s[k] != '!' && s[k] != ':') {
					p.fail()
				}
				end = j
			}
		case '#', '\n', '\r', '\\':
			p.fail()
		}
	}
	if end < 0 {
		p.fail()
	}
	expr := p.subExpression(open+1, end)
	mark := len(p.stack)
	p.push(field("expression", expr))
	close := end
	if s[close] == '=' {
		// {x=}: the expression's text is printed too.
		for close++; s[close] == ' '; close++ {
		}
	}
	if s[close] == '!' {
		// A conversion: !r, !s or !a.
		if close+2 >= to || (s[close+1] != 'r' && s[close+1] != 's' && s[close+1] != 'a') || (s[close+2] != ':' && s[close+2] != '}') {
			p.fail()
		}
		p.push(field("type_conversion", p.mk("type_conversion", close, close+2)))
		close += 2
	}
	if s[close] == ':' {
		// A format spec, without nested fields. tree-sitter may read one
		// that starts with = as the walrus operator := ({a:=bc\x7f} is an
		// error to it; fuzzing found it).
		spec := close
		if close+1 < to && s[close+1] == '=' {
			p.fail()
		}
		for close < to && s[close] != '}' {
			// Python's tokenizer refuses a backslash there ({d:>\}).
			if s[close] == '{' || s[close] == '\\' {
				p.fail()
			}
			close++
		}
		if close >= to {
			p.fail()
		}
		p.push(field("format_specifier", p.mk("format_specifier", spec, close)))
	}
	if s[close] != '}' {
		p.fail()
	}
	p.push(p.mkFrom("interpolation", open, close+1, mark))
	return close
}

// subExpression parses src[from:to] as one expression.
func (p *fastParser) subExpression(from, to int) *node {
	l := &p.subLexer
	if err := l.lexExpression(p.src, p.lex.srcStr, from, to); err != nil || len(l.tokens) == 1 {
		p.fail()
	}
	toks, i := p.toks, p.i
	p.toks, p.i = l.tokens, 0
	e := p.expression()
	if p.tok().kind != flEOF {
		p.fail()
	}
	p.toks, p.i = toks, i
	return e
}

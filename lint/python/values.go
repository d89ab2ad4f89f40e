package python

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// maxOtherText bounds the source text kept for expressions the model does
// not describe; rules only show it in messages.
const maxOtherText = 200

// valueOf turns an expression node into a lint.Value.
func (f *fileParser) valueOf(n *node) lint.Value {
	v := lint.Value{Span: f.spanOf(n)}
	switch n.kind {
	case "string":
		text, dynamic, content, holes := f.stringParts(n)
		v.Kind, v.Text, v.Dynamic, v.Content = lint.KindString, text, dynamic, content
		v.SetHoles(holes)
		v.Runtime = dynamic && f.interpolatesRuntime(n)
	case "concatenated_string":
		v.Kind = lint.KindString
		var b strings.Builder
		var allHoles []int
		for i, part := range n.namedChildren() {
			text, dynamic, content, holes := f.stringParts(part)
			if i == 0 {
				v.Content = content
			}
			for _, h := range holes {
				allHoles = append(allHoles, b.Len()+h)
			}
			b.WriteString(text)
			v.Dynamic = v.Dynamic || dynamic
			v.Runtime = v.Runtime || dynamic && f.interpolatesRuntime(part)
		}
		v.Text = b.String()
		v.SetHoles(allHoles)
	case "integer", "float":
		v.Kind, v.Text = lint.KindNumber, n.text(f.src.str)
	case "true", "false":
		v.Kind, v.Text = lint.KindBool, n.text(f.src.str)
	case "none":
		v.Kind, v.Text = lint.KindNone, "None"
	case "identifier", "attribute":
		if name, ok := f.dottedName(n); ok {
			v.Kind, v.Text = lint.KindName, name
			if n.kind == "identifier" {
				if bound, ok := f.bind.lookup(name); ok {
					if isTableConstant(bound) {
						table, _ := bound.Args[0].Str()
						v.SetTable(table)
					} else {
						return bound
					}
				}
			}
		} else {
			v.Kind, v.Text = lint.KindOther, f.shortText(n)
		}
	case "call":
		return f.callValue(n)
	case "list", "tuple", "expression_list", "set":
		v.Kind = lint.KindList
		for _, c := range n.namedChildren() {
			v.Args = append(v.Args, f.valueOf(c))
		}
	case "parenthesized_expression":
		if inner := n.namedChildren(); len(inner) == 1 {
			return f.valueOf(inner[0])
		}
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
	case "dictionary":
		v.Kind = lint.KindDict
		for _, pair := range n.namedChildren() {
			key, value := pair.child("key"), pair.child("value")
			if pair.kind != "pair" || key == nil || value == nil {
				continue
			}
			if k, ok := f.valueOf(key).Str(); ok {
				v.Keywords = append(v.Keywords, lint.Keyword{Name: k, Value: f.valueOf(value)})
			}
		}
	case "binary_operator":
		return f.binaryValue(n, v)
	case "unary_operator":
		if arg := n.child("argument"); arg != nil && (arg.kind == "integer" || arg.kind == "float") {
			v.Kind, v.Text = lint.KindNumber, n.text(f.src.str)
			return v
		}
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
	default:
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
	}
	return v
}

// binaryValue recognises SQL strings built with "%" or "+": the result is a
// dynamic string holding the literal parts; "+" of two literals stays a
// literal. Any other operator is described by its source text, so its
// operands are not evaluated: a chain of them (1 * 2 * ...) costs one
// description, not one per level.
func (f *fileParser) binaryValue(n *node, v lint.Value) lint.Value {
	left, right, op := n.child("left"), n.child("right"), n.child("operator")
	if left == nil || right == nil || op == nil {
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
		return v
	}
	switch op.text(f.src.str) {
	case "%":
		if lv := f.valueOf(left); lv.Kind == lint.KindString {
			lv.Dynamic, lv.Span = true, v.Span
			lv.SetHoles(append(lv.Holes(), percentFields(lv.Text)...))
			lv.Runtime = lv.Runtime || f.readsRuntimeData(right)
			return lv
		}
	case "+":
		return f.concatenation(n, v)
	}
	v.Kind, v.Text = lint.KindOther, f.shortText(n)
	return v
}

// isPlus reports whether n is a complete binary "+".
func (f *fileParser) isPlus(n *node) bool {
	if n == nil || n.kind != "binary_operator" {
		return false
	}
	op := n.child("operator")
	return op != nil && n.child("left") != nil && n.child("right") != nil && op.text(f.src.str) == "+"
}

// concatenation is the value of a + b + c + ..., which the parser nests to
// the left ((a + b) + c). At each level, "+" with a string on either side
// is a string: the literal parts in order, a hole where a side is not a
// literal. It is built in one pass from the innermost operand outwards,
// the text in one buffer: evaluated level by level, each level would copy
// the text so far, and describe its own source when no side is a string
// yet, both quadratic in the length of the chain.
func (f *fileParser) concatenation(n *node, v lint.Value) lint.Value {
	levels := []*node{n} // outermost first
	for l := n.child("left"); f.isPlus(l); l = l.child("left") {
		levels = append(levels, l)
	}
	first := f.valueOf(levels[len(levels)-1].child("left"))
	// The value so far: a string (text, holes, ...), or not; content is
	// the innermost operand's while no level has made it "other".
	isString := first.Kind == lint.KindString
	content := first.Content
	var text strings.Builder
	var holes []int
	dynamic, runtime := false, false
	if isString {
		text.WriteString(first.Text)
		holes = append(holes, first.Holes()...)
		dynamic, runtime = first.Dynamic, first.Runtime
	}
	for i := len(levels) - 1; i >= 0; i-- {
		left, right := levels[i].child("left"), levels[i].child("right")
		rv := f.valueOf(right)
		if !isString && rv.Kind != lint.KindString {
			// Neither side is a string: this level is an expression
			// described by its text, made only if it is the result.
			content = lint.Position{}
			continue
		}
		if !isString {
			holes = append(holes, 0)
			dynamic = true
			runtime = f.readsRuntimeData(left)
		}
		if rv.Kind == lint.KindString {
			for _, h := range rv.Holes() {
				holes = append(holes, text.Len()+h)
			}
			text.WriteString(rv.Text)
			dynamic = dynamic || rv.Dynamic
			runtime = runtime || rv.Runtime
		} else {
			holes = append(holes, text.Len())
			dynamic = true
			runtime = runtime || f.readsRuntimeData(right)
		}
		isString = true
	}
	if !isString {
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
		return v
	}
	out := lint.Value{Kind: lint.KindString, Span: v.Span, Content: content, Text: text.String(), Dynamic: dynamic, Runtime: runtime}
	out.SetHoles(holes)
	return out
}

// callValue describes a call; "...".format(...) is a dynamic string.
func (f *fileParser) callValue(n *node) lint.Value {
	v := lint.Value{Kind: lint.KindCall, Span: f.spanOf(n)}
	fn := n.child("function")
	if fn == nil {
		v.Kind, v.Text = lint.KindOther, f.shortText(n)
		return v
	}
	if fn.kind == "attribute" {
		if obj, attr := fn.child("object"), fn.child("attribute"); obj != nil && attr != nil &&
			attr.text(f.src.str) == "format" && (obj.kind == "string" || obj.kind == "concatenated_string") {
			s := f.valueOf(obj)
			s.Dynamic, s.Span = true, v.Span
			s.SetHoles(append(s.Holes(), formatFields(s.Text)...))
			if args := n.child("arguments"); args != nil && f.readsRuntimeData(args) {
				s.Runtime = true
			}
			return s
		}
	}
	v.Text = f.calleeText(fn)
	v.SetTable(f.chainTable(n))
	if args := n.child("arguments"); args != nil {
		// Sized first: the values are kept with the revision, and grown by
		// appending they held up to twice their room.
		named := args.namedChildren()
		keywords := 0
		for _, a := range named {
			if a.kind == "keyword_argument" {
				keywords++
			}
		}
		if keywords > 0 {
			v.Keywords = make([]lint.Keyword, 0, keywords)
		}
		if len(named) > keywords {
			v.Args = make([]lint.Value, 0, len(named)-keywords)
		}
		for _, a := range named {
			if a.kind == "keyword_argument" {
				name, value := a.child("name"), a.child("value")
				if name != nil && value != nil {
					v.Keywords = append(v.Keywords, lint.Keyword{Name: name.text(f.src.str), Value: f.valueOf(value)})
				}
				continue
			}
			v.Args = append(v.Args, f.valueOf(a))
		}
		if len(v.Keywords) == 0 {
			v.Keywords = nil // as before the sizing: no keyword read, none
		}
	}
	// op.f("ix_users_email") and batch_op.f(...) mark a name as final
	// (not subject to the naming convention): the name is the string.
	if strings.HasSuffix(v.Text, ".f") && len(v.Args) == 1 && len(v.Keywords) == 0 && v.Args[0].Kind == lint.KindString {
		name := v.Args[0]
		name.Span = v.Span
		return name
	}
	return v
}

// calleeText renders a callee as written, with the arguments of calls in
// the chain left out: op.get_bind().execute.
func (f *fileParser) calleeText(n *node) string {
	if t, ok := f.writtenDottedName(n); ok {
		return t
	}
	// Walked down iteratively and assembled once: built level by level,
	// a chain a.b().b().b()... copied its text at every level, for every
	// call of the chain (cubic in its length).
	var tail []string // what follows the base, innermost last
	var base string
	// Until the base is found, not until it is non-empty: a name that
	// error recovery made is empty, and waiting for text hung.
walk:
	for {
		switch n.kind {
		case "identifier":
			base = n.text(f.src.str)
			break walk
		case "attribute":
			if obj, attr := n.child("object"), n.child("attribute"); obj != nil && attr != nil {
				tail = append(tail, "."+attr.text(f.src.str))
				n = obj
				continue
			}
		case "call":
			if fn := n.child("function"); fn != nil {
				tail = append(tail, "()")
				n = fn
				continue
			}
		case "parenthesized_expression":
			if inner := n.namedChildren(); len(inner) == 1 {
				n = inner[0]
				continue
			}
		}
		base = f.shortText(n)
		break walk
	}
	var b strings.Builder
	b.WriteString(base)
	for i := len(tail) - 1; i >= 0; i-- {
		b.WriteString(tail[i])
	}
	return b.String()
}

// dottedName returns a.b.c for a chain of names and attributes.
// Walked iteratively, as calleeText. When the chain does not end in a
// name, ok is false and the name is what follows the point it stopped.
func (f *fileParser) dottedName(n *node) (name string, ok bool) {
	if t, ok := f.writtenDottedName(n); ok {
		return t, true
	}
	var tail []string // the attributes, innermost last
	base := ""
	for {
		if n.kind == "identifier" {
			base, ok = n.text(f.src.str), true
			break
		}
		if n.kind != "attribute" {
			break
		}
		obj, attr := n.child("object"), n.child("attribute")
		if obj == nil || attr == nil {
			break
		}
		tail = append(tail, attr.text(f.src.str))
		n = obj
	}
	var b strings.Builder
	b.WriteString(base)
	for i := len(tail) - 1; i >= 0; i-- {
		b.WriteString(".")
		b.WriteString(tail[i])
	}
	return b.String(), ok
}

// writtenDottedName is the text of a name or a chain of attributes of
// one (sa.Column, op.f) when the source writes it as just that, ASCII
// names joined by dots: its text is then the name calleeText and
// dottedName would build, and is taken as it is, a substring of the
// source, without building a string for every name in the module.
func (f *fileParser) writtenDottedName(n *node) (string, bool) {
	for m := n; m.kind != "identifier"; {
		if m.kind != "attribute" {
			return "", false
		}
		obj, attr := m.child("object"), m.child("attribute")
		if obj == nil || attr == nil || attr.kind != "identifier" {
			return "", false
		}
		m = obj
	}
	text := n.text(f.src.str)
	part := 0 // the length of the name being read
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '.':
			if part == 0 {
				return "", false
			}
			part = 0
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || part > 0 && '0' <= c && c <= '9':
			part++
		default:
			return "", false
		}
	}
	return text, part > 0
}

// shortText is an expression's source, whitespace folded and bounded.
func (f *fileParser) shortText(n *node) string {
	return shortText(n.text(f.src.str))
}

// shortText is strings.Join(strings.Fields(text), " "), cut after
// maxOtherText bytes with "...". It stops reading once it has that much:
// a node may span most of the file, and the nodes of a nested expression
// are described one by one.
func shortText(text string) string {
	out := make([]byte, 0, min(len(text), maxOtherText+1))
	space := false
	for i := 0; i < len(text) && len(out) <= maxOtherText; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) { // RuneError, an invalid byte, is not
			space = true
			i += size
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, text[i:i+size]...)
		i += size
	}
	if len(out) > maxOtherText {
		cut := maxOtherText
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		return string(out[:cut]) + "..."
	}
	return string(out)
}

// stringLiteral decodes one string node: the text, whether it is an
// f-string with interpolations, and where its content starts.
func (f *fileParser) stringLiteral(n *node) (text string, dynamic bool, content lint.Position) {
	text, dynamic, content, _ = f.stringParts(n)
	return text, dynamic, content
}

// stringParts is stringLiteral with the offsets of the interpolations
// left open (the holes a run-time value fills).
func (f *fileParser) stringParts(n *node) (text string, dynamic bool, content lint.Position, holes []int) {
	if n.kind != "string" {
		return f.shortText(n), true, f.spanOf(n).Start(), []int{0}
	}
	var prefix string
	quotes := 0
	var b strings.Builder
	contentStart, contentEnd := n.start, n.end
	for _, c := range n.children {
		switch c.kind {
		case "string_start":
			prefix = strings.ToLower(strings.TrimRight(c.text(f.src.str), `"'`))
			quotes = len(c.text(f.src.str)) - len(prefix)
			contentStart = c.end
		case "string_end":
			// The closing quotes are the token's last characters:
			// tree-sitter folds an escaped quote before them into it
			// when nothing else precedes (r"\"").
			contentEnd = max(contentStart, c.end-quotes)
		case "interpolation":
			dynamic = true
		}
	}
	// Walk the content, leaving interpolations out, or putting in the
	// value of one that names a string constant: an f-string built only
	// from constants is as static as a literal.
	interpolated := dynamic
	pos := contentStart
	resolved := true
	for _, c := range n.children {
		if c.kind == "interpolation" {
			b.Write(f.src.text[pos:max(pos, c.start)])
			pos = c.end
			if s, ok := f.interpolatedConstant(c); ok {
				b.WriteString(s)
			} else {
				resolved = false
				holes = append(holes, b.Len())
			}
		}
	}
	if dynamic && resolved {
		dynamic = false
	}
	if interpolated {
		if pos < contentEnd {
			b.Write(f.src.text[pos:contentEnd])
		}
		text = b.String()
	} else {
		// The content as written: a substring of the source, not a copy.
		text = f.src.str[contentStart:max(contentStart, contentEnd)]
	}
	if !strings.Contains(prefix, "r") {
		text = unescapePython(text)
	}
	if strings.ContainsAny(prefix, "ft") && strings.ContainsAny(text, "{}") {
		text = strings.NewReplacer("{{", "{", "}}", "}").Replace(text)
	}
	if !dynamic {
		holes = nil
	}
	return text, dynamic, f.src.offsetSpan(contentStart, contentEnd).Start(), holes
}

// percentFields are the offsets of the % fields ("%s", "%(name)s", "%d")
// that % formatting fills; "%%" is a literal percent sign.
func percentFields(s string) []int {
	var out []int
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		if s[i+1] == '%' {
			i++
			continue
		}
		out = append(out, i)
	}
	return out
}

// formatFields are the offsets of the {} fields that .format() fills;
// "{{" and "}}" are literal braces.
func formatFields(s string) []int {
	var out []int
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			i++
		case s[i] == '{':
			out = append(out, i)
		}
	}
	return out
}

// unescapePython decodes backslash escapes as Python does for str
// literals; unknown escapes are kept as written, as Python keeps them.
func unescapePython(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a', 'b', 'f', 'v', '0', 'x', 'u', 'U', 'N':
			if r, width, ok := decodeEscape(s[i:]); ok {
				b.WriteString(r)
				i += width - 1
			} else {
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

// decodeEscape decodes the escape starting at s[0] (after the backslash).
func decodeEscape(s string) (string, int, bool) {
	simple := map[byte]string{'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v"}
	if r, ok := simple[s[0]]; ok {
		return r, 1, true
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}
	if n, ok := digits[s[0]]; ok && len(s) > n {
		if code, err := strconv.ParseUint(s[1:1+n], 16, 32); err == nil && utf8.ValidRune(rune(code)) {
			return string(rune(code)), 1 + n, true
		}
		return "", 0, false
	}
	if s[0] == '0' {
		return "\x00", 1, true
	}
	return "", 0, false
}

// interpolatedConstant returns the text an f-string interpolation adds
// when it is a plain name bound to a string (no conversion, no format
// spec): {TABLE}.
func (f *fileParser) interpolatedConstant(interp *node) (string, bool) {
	inner := interp.namedChildren()
	if len(inner) != 1 || inner[0].kind != "identifier" {
		return "", false
	}
	v, ok := f.bind.lookup(inner[0].text(f.src.str))
	if !ok {
		return "", false
	}
	return v.Str()
}

// chainTable finds the table a SQLAlchemy Core chain works on: the root
// name of users.update().where(...) when it is bound to sa.table("users"),
// or the argument of sa.delete(users) / sa.update(sa.table("users")).
func (f *fileParser) chainTable(fn *node) string {
	for n := fn; n != nil; {
		switch n.kind {
		case "attribute":
			n = n.child("object")
		case "call":
			inner := n.child("function")
			if inner == nil {
				return ""
			}
			switch lint.LastSegment(f.calleeText(inner)) {
			case "update", "delete", "insert":
				if args := n.child("arguments"); args != nil {
					if first := args.namedChildren(); len(first) > 0 && first[0].kind != "keyword_argument" {
						a := f.valueOf(first[0])
						if a.Table() != "" {
							return a.Table()
						}
						if isTableConstant(a) {
							name, _ := a.Args[0].Str()
							return name
						}
					}
				}
			}
			n = inner
		case "identifier":
			if bound, ok := f.bind.lookup(n.text(f.src.str)); ok {
				if isTableConstant(bound) {
					name, _ := bound.Args[0].Str()
					return name
				}
				return bound.Table()
			}
			return ""
		default:
			return ""
		}
	}
	return ""
}

// interpolatesRuntime reports an f-string one of whose interpolations
// reads data at run time.
func (f *fileParser) interpolatesRuntime(n *node) bool {
	for _, c := range n.children {
		if c.kind == "interpolation" && f.readsRuntimeData(c) {
			return true
		}
	}
	return false
}

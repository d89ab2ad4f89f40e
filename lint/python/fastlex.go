package python

// The tokenizer of the fast parser (fastparse.go). It produces Python's
// logical-line tokens (NEWLINE, INDENT, DEDENT) with the positions
// tree-sitter-python's external scanner gives them, because those decide
// where a block ends and so which node a comment belongs to. Anything it
// is not sure about (tabs in indentation, a lone carriage return, a
// backslash continuation, a non-ASCII name, an unterminated string) makes
// it give up, and the file goes to tree-sitter.

import (
	"bytes"
	"errors"
)

type flKind uint8

const (
	flEOF flKind = iota
	flName
	flNumber
	flString
	flOp
	flNewline
	flIndent
	flDedent
)

// flToken is one token. For strings, mid is where the string's prefix and
// opening quote end (string_start) and close where its closing quote
// starts (string_end).
type flToken struct {
	kind       flKind
	start, end int32
	mid, close int32
	text       string // names and operators
}

// flComment is a comment: tree-sitter keeps comments as "extra" nodes
// wherever they occur.
type flComment struct{ start, end int }

// errFallback is how the fast parser says "not this file": the caller
// parses it with tree-sitter instead.
var errFallback = errors.New("fast parser: fall back to tree-sitter")

type flLexer struct {
	src      []byte
	srcStr   string // src as a string: token texts are its substrings
	pos      int
	depth    int // open brackets
	indents  []int
	tokens   []flToken
	comments []flComment
	// lastEnd is the end of the last token or same-line comment: where
	// NEWLINE and DEDENT tokens sit.
	lastEnd int
	// colon: the last token of the logical line so far is ':'.
	colon bool
	// indent is the indentation nextIndent found for the line at indentAt.
	indentAt, indent int
}

func (l *flLexer) reset(src []byte, str string) {
	l.src, l.srcStr, l.pos, l.depth, l.lastEnd, l.colon = src, str, 0, 0, 0, false
	l.indentAt, l.indent = -1, 0
	l.indents = append(l.indents[:0], 0)
	l.tokens = l.tokens[:0]
	l.comments = l.comments[:0]
}

// lex tokenizes the whole source.
func (l *flLexer) lex() error {
	// Leading blank and comment lines, then the first line's indentation,
	// which must be zero.
	if err := l.lineStart(true); err != nil {
		return err
	}
	if err := l.scan(); err != nil {
		return err
	}
	return l.finish()
}

// lexExpression tokenizes src[from:to] as if inside brackets (an
// f-string's interpolation): no lines, no comments, no continuations.
func (l *flLexer) lexExpression(src []byte, str string, from, to int) error {
	if bytes.IndexByte(src[from:to], '\\') >= 0 {
		return errFallback
	}
	l.reset(src[:to], str[:to])
	l.pos, l.depth = from, 1
	if err := l.scan(); err != nil || l.depth != 1 {
		return errFallback
	}
	if len(l.comments) > 0 {
		return errFallback
	}
	l.tokens = append(l.tokens, flToken{kind: flEOF, start: int32(to), end: int32(to)})
	return nil
}

// scan reads tokens to the end of the source.
func (l *flLexer) scan() error {
	for {
		c, ok := l.peekByte()
		if !ok {
			return nil
		}
		switch {
		case c == ' ' || c == '\t':
			l.pos++
		case c == '\n':
			l.pos++
			if l.depth > 0 {
				// tree-sitter's scanner may close a block inside brackets
				// when a line there is indented less than the block.
				if l.nextIndent() < l.indents[len(l.indents)-1] {
					return errFallback
				}
				continue
			}
			if err := l.endLine(); err != nil {
				return err
			}
		case c == '\r':
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
				l.pos++
				continue
			}
			return errFallback
		case c == '#':
			end := l.lineEnd(l.pos)
			l.comments = append(l.comments, flComment{start: l.pos, end: end})
			if l.depth == 0 {
				l.lastEnd = end
			}
			l.pos = end
		case c == '\\' && l.continuation():
			// A backslash continuation joins the next line to this one:
			// no NEWLINE, no indentation. The tree-sitter tree loses its
			// node for it too (pyParser.parseTS), so the trees agree.
			l.pos += 2
		case c == '\\', c == '\f', c == 0, c == '`', c == '$', c == '?':
			return errFallback
		case flNameStart(c):
			if err := l.nameOrString(); err != nil {
				return err
			}
		case c >= '0' && c <= '9' || c == '.' && l.pos+1 < len(l.src) && flDigit(l.src[l.pos+1]):
			if err := l.number(); err != nil {
				return err
			}
		case c == '"' || c == '\'':
			if err := l.str(l.pos, l.pos); err != nil {
				return err
			}
		case c >= 0x80:
			return errFallback
		default:
			if err := l.op(); err != nil {
				return err
			}
		}
	}
}

// continuation reports a backslash at l.pos that continues a statement on
// the next line. The rest is left to tree-sitter: a backslash that is not
// the last character of its line, one that starts a statement, and one
// followed by a blank or comment-only line or the end of the file, where
// tree-sitter-python's scanner takes it into the NEWLINE token.
func (l *flLexer) continuation() bool {
	if l.pos+1 >= len(l.src) || l.src[l.pos+1] != '\n' {
		return false
	}
	if n := len(l.tokens); l.depth == 0 && (n == 0 || l.tokens[n-1].kind == flNewline || l.tokens[n-1].kind == flIndent || l.tokens[n-1].kind == flDedent) {
		return false
	}
	for i := l.pos + 2; i < len(l.src); i++ {
		switch l.src[i] {
		case ' ', '\t':
			continue
		case '\n', '\r', '#', '\\', '\f':
			return false
		}
		return true
	}
	return false
}

// nextIndent is the indentation of the next line that is not blank. The
// answer is kept until the lexer reaches that line, so that a run of
// blank lines inside brackets is not read again at each of them.
func (l *flLexer) nextIndent() int {
	if l.pos <= l.indentAt {
		return l.indent
	}
	indent := 0
	i := l.pos
	for ; i < len(l.src); i++ {
		switch l.src[i] {
		case ' ':
			indent++
			continue
		case '\n', '\r':
			indent = 0
			continue
		case '\t', '\f':
			indent = -1
		}
		break
	}
	l.indentAt, l.indent = i, indent
	return indent
}

func (l *flLexer) peekByte() (byte, bool) {
	if l.pos >= len(l.src) {
		return 0, false
	}
	return l.src[l.pos], true
}

func (l *flLexer) lineEnd(from int) int {
	if i := bytes.IndexByte(l.src[from:], '\n'); i >= 0 {
		return from + i // a comment keeps the \r of a \r\n, as tree-sitter's does
	}
	return len(l.src)
}

func (l *flLexer) emit(t flToken) {
	l.tokens = append(l.tokens, t)
	l.lastEnd = int(t.end)
	l.colon = t.kind == flOp && t.text == ":"
}

// endLine ends a logical line at the newline just consumed (outside
// brackets): NEWLINE unless the line was blank, then the indentation of
// the next line.
func (l *flLexer) endLine() error {
	if n := len(l.tokens); n > 0 && l.tokens[n-1].kind != flNewline && l.tokens[n-1].kind != flIndent && l.tokens[n-1].kind != flDedent {
		colon := l.colon
		l.tokens = append(l.tokens, flToken{kind: flNewline, start: int32(l.lastEnd), end: int32(l.lastEnd)})
		l.colon = colon
	}
	return l.lineStart(false)
}

// lineStart reads the blank and comment-only lines before the next line
// with a token and its indentation, and emits DEDENT and INDENT tokens the
// way tree-sitter-python's scanner does: a comment line keeps the block
// it is indented for open, so it ends inside that block.
func (l *flLexer) lineStart(first bool) error {
	type commentLine struct{ indent, start, end int }
	var pending []commentLine
	indent := 0
	for {
		indent = 0
		for l.pos < len(l.src) && l.src[l.pos] == ' ' {
			l.pos++
			indent++
		}
		if l.pos >= len(l.src) {
			indent = 0
			break
		}
		switch c := l.src[l.pos]; c {
		case '\t', '\f', '\\':
			return errFallback
		case '\r':
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
				l.pos += 2
				continue
			}
			return errFallback
		case '\n':
			l.pos++
			continue
		case '#':
			end := l.lineEnd(l.pos)
			pending = append(pending, commentLine{indent, l.pos, end})
			l.comments = append(l.comments, flComment{start: l.pos, end: end})
			l.pos = end
			continue
		}
		break
	}
	pos := l.lastEnd
	dedent := func() {
		l.indents = l.indents[:len(l.indents)-1]
		l.tokens = append(l.tokens, flToken{kind: flDedent, start: int32(pos), end: int32(pos)})
	}
	top := func() int { return l.indents[len(l.indents)-1] }
	for _, c := range pending {
		for top() > indent && c.indent < top() {
			dedent()
		}
		pos = c.end
	}
	for top() > indent {
		dedent()
	}
	if len(pending) > 0 {
		l.lastEnd = pos
	}
	switch {
	case indent > top():
		if first || !l.colon {
			return errFallback // unexpected indent
		}
		if len(l.indents) >= maxIndent {
			return errFallback // Python's "too many levels of indentation"
		}
		l.indents = append(l.indents, indent)
		l.tokens = append(l.tokens, flToken{kind: flIndent, start: int32(pos), end: int32(pos)})
	case indent < top():
		return errFallback // inconsistent dedent
	case l.colon && l.pos < len(l.src):
		return errFallback // a block without an indented body
	}
	l.colon = false
	return nil
}

// finish ends the last line and closes every block at the end of input.
func (l *flLexer) finish() error {
	if l.depth > 0 {
		return errFallback
	}
	if n := len(l.tokens); n > 0 && l.tokens[n-1].kind != flNewline && l.tokens[n-1].kind != flDedent && l.tokens[n-1].kind != flIndent {
		if l.colon {
			return errFallback
		}
		l.tokens = append(l.tokens, flToken{kind: flNewline, start: int32(l.lastEnd), end: int32(l.lastEnd)})
	}
	for len(l.indents) > 1 {
		l.indents = l.indents[:len(l.indents)-1]
		l.tokens = append(l.tokens, flToken{kind: flDedent, start: int32(l.lastEnd), end: int32(l.lastEnd)})
	}
	l.tokens = append(l.tokens, flToken{kind: flEOF, start: int32(len(l.src)), end: int32(len(l.src))})
	return nil
}

func flNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func flNameByte(c byte) bool  { return flNameStart(c) || flDigit(c) }
func flDigit(c byte) bool     { return c >= '0' && c <= '9' }

// flBaseDigit reports whether c is a digit of base x (hex), o or b.
func flBaseDigit(base, c byte) bool {
	switch base {
	case 'x':
		return flDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f'
	case 'o':
		return c >= '0' && c <= '7'
	case 'b':
		return c == '0' || c == '1'
	}
	return flDigit(c)
}

// nameOrString reads a name, or a string with a prefix (r"", b”, f"").
func (l *flLexer) nameOrString() error {
	start := l.pos
	for l.pos < len(l.src) && flNameByte(l.src[l.pos]) {
		l.pos++
	}
	if l.pos < len(l.src) && l.src[l.pos] >= 0x80 {
		return errFallback
	}
	if l.pos < len(l.src) && (l.src[l.pos] == '"' || l.src[l.pos] == '\'') {
		if !stringPrefix(l.src[start:l.pos]) {
			return errFallback
		}
		return l.str(start, l.pos)
	}
	l.emit(flToken{kind: flName, start: int32(start), end: int32(l.pos), text: l.srcStr[start:l.pos]})
	return nil
}

// stringPrefix reports whether p is a prefix Python accepts.
func stringPrefix(p []byte) bool {
	if len(p) > 2 {
		return false
	}
	var r, b, u, f int
	for _, c := range p {
		switch c | 0x20 {
		case 'r':
			r++
		case 'b':
			b++
		case 'u':
			u++
		case 'f':
			f++
		default:
			return false
		}
	}
	switch {
	case r > 1 || b > 1 || u > 1 || f > 1:
		return false
	case u == 1 && len(p) > 1, b == 1 && f == 1:
		return false
	}
	return true
}

// str reads a string literal whose prefix starts at start and whose
// opening quote is at quote.
func (l *flLexer) str(start, quote int) error {
	q := l.src[quote]
	triple := quote+2 < len(l.src) && l.src[quote+1] == q && l.src[quote+2] == q
	open := quote + 1
	if triple {
		open = quote + 3
	}
	raw, bytesLiteral := false, false
	for _, c := range l.src[start:quote] {
		switch c | 0x20 {
		case 'r':
			raw = true
		case 'b':
			bytesLiteral = true
		}
	}
	i := open
	// In a raw string, tree-sitter's scanner does not count the escapes
	// \" \\ and \<newline> as content: when the last piece of content (the
	// scanner cuts a triple-quoted string after each lone quote) holds
	// nothing else, string_end starts where that piece does.
	segment, content := open, false
	for {
		if i >= len(l.src) {
			return errFallback
		}
		c := l.src[i]
		switch {
		case c == '\\' && raw:
			i++
			if i < len(l.src) && (l.src[i] == q || l.src[i] == '\\') {
				i++
				if !triple && i < len(l.src) && (l.src[i] == '\n' || l.src[i] == '\r') {
					// r"\" then a line break: the string never ends on its
					// line, which Python refuses (fuzzing found it read on).
					return errFallback
				}
			}
			if i < len(l.src) && l.src[i] == '\r' {
				i++
				if i < len(l.src) && l.src[i] == '\n' {
					i++
				}
			} else if i < len(l.src) && l.src[i] == '\n' {
				i++
			}
			continue
		case c == '\\':
			if i+1 >= len(l.src) {
				return errFallback
			}
			if bytesLiteral && (l.src[i+1] == 'N' || l.src[i+1] == 'u' || l.src[i+1] == 'U') {
				// tree-sitter's scanner reads past the character after
				// these in a bytes literal.
				return errFallback
			}
			i += 2
			content = true
			continue
		case c == '\r' && (i+1 >= len(l.src) || l.src[i+1] != '\n'):
			return errFallback
		case c == 0:
			return errFallback
		case c == '\n' && !triple:
			return errFallback
		case c == q:
			closing := i
			if raw && !content {
				closing = segment
			}
			if !triple {
				l.emit(flToken{kind: flString, start: int32(start), end: int32(i + 1), mid: int32(open), close: int32(closing)})
				l.pos = i + 1
				return nil
			}
			if i+2 < len(l.src) && l.src[i+1] == q && l.src[i+2] == q {
				// A triple-quoted string ends at the first three quotes,
				// as Python's does.
				l.emit(flToken{kind: flString, start: int32(start), end: int32(i + 3), mid: int32(open), close: int32(closing)})
				l.pos = i + 3
				return nil
			}
			// One or two quotes inside: the scanner's piece of content
			// ends after them.
			i++
			if i < len(l.src) && l.src[i] == q {
				i++
			}
			segment, content = i, false
			continue
		}
		content = true
		i++
	}
}

// number reads an integer or float literal as Python writes them
// (underscores only between digits); complex and Python 2 long literals
// are left to tree-sitter.
func (l *flLexer) number() error {
	start := l.pos
	s := l.src
	i := l.pos
	// digits reads digit (_? digit)* of a base from i.
	digits := func(i int, base byte) (int, bool) {
		if i >= len(s) || !flBaseDigit(base, s[i]) {
			return i, false
		}
		i++
		for i < len(s) {
			switch {
			case flBaseDigit(base, s[i]):
				i++
			case s[i] == '_' && i+1 < len(s) && flBaseDigit(base, s[i+1]):
				i += 2
			default:
				return i, true
			}
		}
		return i, true
	}
	ok := true
	if s[i] == '0' && i+1 < len(s) && (s[i+1]|0x20 == 'x' || s[i+1]|0x20 == 'o' || s[i+1]|0x20 == 'b') {
		base := s[i+1] | 0x20
		i += 2
		if i < len(s) && s[i] == '_' {
			i++
		}
		i, ok = digits(i, base)
	} else {
		intPart := false
		if s[i] != '.' {
			i, intPart = digits(i, 'd')
		}
		if i < len(s) && s[i] == '.' {
			i++
			var frac bool
			if i < len(s) && flDigit(s[i]) {
				i, frac = digits(i, 'd')
			}
			ok = intPart || frac
		}
		if ok && i < len(s) && s[i]|0x20 == 'e' {
			j := i + 1
			if j < len(s) && (s[j] == '+' || s[j] == '-') {
				j++
			}
			i, ok = digits(j, 'd')
		}
	}
	if !ok || i < len(s) && (flNameByte(s[i]) || s[i] >= 0x80 || s[i] == '.') {
		return errFallback // 1j, 10L, 1.2.3, 0x1g, 1__0
	}
	l.pos = i
	l.emit(flToken{kind: flNumber, start: int32(start), end: int32(i), text: l.srcStr[start:i]})
	return nil
}

// flOperators lists the operators by their first byte, longest first.
var flOperators = func() (table [128][]string) {
	for _, op := range []string{
		"**=", "//=", ">>=", "<<=", "...", "->", ":=", "<>",
		"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=",
		"(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">",
	} {
		table[op[0]] = append(table[op[0]], op)
	}
	return table
}()

func (l *flLexer) op() error {
	rest := l.src[l.pos:]
	for _, op := range flOperators[rest[0]&0x7f] {
		if len(rest) < len(op) || string(rest[:len(op)]) != op {
			continue
		}
		switch op {
		case "(", "[", "{":
			l.depth++
		case ")", "]", "}":
			if l.depth == 0 {
				return errFallback
			}
			l.depth--
		case "<>":
			return errFallback
		}
		start := l.pos
		l.pos += len(op)
		l.emit(flToken{kind: flOp, start: int32(start), end: int32(l.pos), text: op})
		return nil
	}
	return errFallback
}

package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// scanMetadata reads the docstring and the module-level metadata
// assignments with a small Python tokenizer, without building a syntax
// tree. It is the fast path for the revision graph, which needs nothing
// else, and the fallback for files tree-sitter cannot make sense of (Python
// 2 files, which real histories still contain).
func scanMetadata(src *source) metadata {
	t := &tokenizer{src: src.text, str: src.str}
	var m metadata
	first := true
	// A `;` at module level starts another statement on the same line,
	// unless the line is a compound statement's (`if x: a; b`).
	lineIndent, compound, semicolon := 0, false, false
	for {
		tok := t.next()
		if tok.kind == tokEOF {
			return m
		}
		if tok.lineStart {
			lineIndent = tok.indent
			compound = tok.kind == tokName && compoundKeywords[tok.text] || tok.kind == tokOp && tok.text == "@"
		}
		start := tok.lineStart || semicolon && !compound
		semicolon = tok.kind == tokOp && tok.text == ";" && t.depth == 0
		if !start || semicolon {
			continue
		}
		switch {
		case first && tok.kind == tokString && lineIndent == 0 && t.atStatementEnd():
			// A lone string literal; `"""x""".strip()` is no docstring,
			// nor is a bytes literal (Python leaves __doc__ None).
			if bytesPrefix(string(src.text[tok.start:tok.contentStart])) {
				break
			}
			m.docstring = tok.value
			m.docstringLine = src.offsetSpan(tok.contentStart, tok.contentStart).Line
		case tok.kind == tokName && lineIndent == 0 && isMetadataName(tok.text):
			if a, ok := scanAssignment(t, src, tok); ok {
				m.assignments = append(m.assignments, a)
			}
		}
		first = false
	}
}

// compoundKeywords start a line whose `;`-separated statements belong to
// the compound statement's body, not to the module.
var compoundKeywords = map[string]bool{"if": true, "elif": true, "else": true, "for": true, "while": true, "try": true,
	"except": true, "finally": true, "with": true, "def": true, "class": true, "async": true}

// scanAssignment reads `NAME [: annotation] = value` after NAME. What is
// no assignment is left unread up to its statement's end, so that the
// statement after a `;` is still seen (`revision; down_revision = "b"`).
func scanAssignment(t *tokenizer, src *source, name token) (assignment, bool) {
	isOp := func(tok token, op string) bool { return tok.kind == tokOp && tok.text == op }
	switch p := t.peek(); {
	case isOp(p, ":"):
		// Skip the annotation (Union[str, None], str | None, ...) to its
		// `=`; an annotation alone assigns nothing.
		for t.next(); ; {
			p := t.peek()
			if p.kind == tokNewline || p.kind == tokEOF || isOp(p, ";") && t.depth == 0 {
				return assignment{}, false
			}
			if t.next(); isOp(p, "=") && t.depth == 0 {
				break
			}
		}
	case isOp(p, "="):
		t.next()
	default:
		return assignment{}, false
	}
	valueStart := t.peekStart()
	value, end, ok := scanSum(t, 0)
	if ok && isComma(t.peek()) {
		value, end, ok = scanBareTuple(t, value, end)
	}
	if !ok || !t.atStatementEnd() {
		end = t.skipStatement()
		value = lint.Value{Kind: lint.KindOther}
	}
	source := clip(strings.Join(strings.Fields(string(src.text[valueStart:end])), " "))
	if value.Kind == lint.KindOther {
		value.Text = source
	}
	value.Span = src.offsetSpan(valueStart, end)
	return assignment{name: name.text, value: value, source: source, span: src.offsetSpan(name.start, end)}, true
}

// scanBareTuple reads the rest of `"a", "b"` or `"a",` after its first
// element: a tuple without brackets, which Python allows right of `=`
// (down_revision = "a", is the tuple ("a",)).
func scanBareTuple(t *tokenizer, first lint.Value, end int) (lint.Value, int, bool) {
	tuple := lint.Value{Kind: lint.KindList, Args: []lint.Value{first}}
	for isComma(t.peek()) {
		end = t.next().end
		if t.atStatementEnd() {
			break // a trailing comma
		}
		elem, elemEnd, ok := scanSum(t, 1)
		if !ok {
			return lint.Value{}, 0, false
		}
		tuple.Args = append(tuple.Args, elem)
		end = elemEnd
	}
	return tuple, end, true
}

// scanSum is scanValue, with strings added up: "a" + "b" is a literal to
// the parser too, and anything else added makes the value non-literal.
func scanSum(t *tokenizer, depth int) (v lint.Value, end int, ok bool) {
	v, end, ok = scanValue(t, depth)
	for ok && v.Kind == lint.KindString && isOp(t.peek(), "+") {
		t.next()
		var more lint.Value
		if more, end, ok = scanValue(t, depth+1); ok && more.Kind == lint.KindString {
			v.Text += more.Text
			v.Dynamic = v.Dynamic || more.Dynamic
		} else {
			ok = false
		}
	}
	return v, end, ok
}

func isComma(tok token) bool { return isOp(tok, ",") }

func isOp(tok token, op string) bool { return tok.kind == tokOp && tok.text == op }

// maxNesting is how deep brackets may nest: Python's tokenizer refuses a
// 201st level ("too many nested parentheses"), and the scanner recurses
// once per level, so it stops there too.
const maxNesting = 200

// scanValue parses a literal: strings (implicitly concatenated), None, and
// tuples or lists of those, nested at most maxNesting deep.
func scanValue(t *tokenizer, depth int) (v lint.Value, end int, ok bool) {
	if depth >= maxNesting {
		return v, 0, false
	}
	tok := t.next()
	switch {
	case tok.kind == tokString:
		v = lint.Value{Kind: lint.KindString, Text: tok.value, Dynamic: tok.dynamic}
		end = tok.end
		for t.peek().kind == tokString {
			next := t.next()
			v.Text += next.value
			v.Dynamic = v.Dynamic || next.dynamic
			end = next.end
		}
		return v, end, true
	case tok.kind == tokName && tok.text == "None":
		return lint.Value{Kind: lint.KindNone, Text: "None"}, tok.end, true
	case tok.kind == tokOp && (tok.text == "(" || tok.text == "["):
		closing := map[string]string{"(": ")", "[": "]"}[tok.text]
		list := lint.Value{Kind: lint.KindList}
		commas := 0
		for {
			if p := t.peek(); p.kind == tokOp && p.text == closing {
				end = t.next().end
				break
			}
			elem, _, ok := scanSum(t, depth+1)
			if !ok {
				return v, 0, false
			}
			list.Args = append(list.Args, elem)
			sep := t.next()
			if sep.kind == tokOp && sep.text == closing {
				end = sep.end
				break
			}
			if sep.kind != tokOp || sep.text != "," {
				return v, 0, false
			}
			commas++
		}
		if tok.text == "(" && commas == 0 && len(list.Args) == 1 {
			// ("abc") is a parenthesised string, not a tuple.
			return list.Args[0], end, true
		}
		return list, end, true
	}
	return v, 0, false
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokName
	tokString
	tokNumber
	tokOp
	tokNewline
)

type token struct {
	kind       tokenKind
	text       string // source text (names, operators)
	value      string // decoded string literal
	dynamic    bool   // f-string with interpolation
	invalid    string // why Python's tokenizer refuses the token, if it does
	start, end int
	// contentStart is where a string's text starts, after the quotes.
	contentStart int
	// lineStart: the first token of a logical line; indent is its column.
	lineStart bool
	indent    int
}

// tokenizer is a Python tokenizer reduced to what the scanner needs:
// names, strings, numbers, operators, logical newlines and bracket depth.
// It never fails: an unterminated string runs to the end of its line (or
// of the file for triple quotes) and is marked invalid.
type tokenizer struct {
	src []byte
	// str is src as a string (source.str): names, numbers, operators and
	// string contents are substrings of it, not an allocation per token
	// (which were most of the scanner's time).
	str       string
	pos       int
	depth     int
	lineStart bool
	started   bool
	// peeked is the next token when hasPeeked, kept by value: a pointer
	// made every peek an allocation.
	peeked    token
	hasPeeked bool
	// onComment, when set, is called with each comment's offsets.
	onComment func(start, end int)
}

func (t *tokenizer) peek() token {
	if !t.hasPeeked {
		t.peeked, t.hasPeeked = t.scan(), true
	}
	return t.peeked
}

func (t *tokenizer) next() token {
	if t.hasPeeked {
		t.hasPeeked = false
		return t.peeked
	}
	return t.scan()
}

// peekStart returns where the next token starts.
func (t *tokenizer) peekStart() int { return t.peek().start }

// atStatementEnd reports whether the next token ends the statement.
func (t *tokenizer) atStatementEnd() bool {
	p := t.peek()
	return p.kind == tokNewline || p.kind == tokEOF || p.kind == tokOp && p.text == ";"
}

// skipStatement consumes the rest of the statement (to the end of the
// logical line, or a `;` outside brackets) and returns the end offset of
// its last token.
func (t *tokenizer) skipStatement() int {
	end := t.pos
	for {
		p := t.peek()
		if p.kind == tokNewline || p.kind == tokEOF || p.kind == tokOp && p.text == ";" && t.depth == 0 {
			return end
		}
		end = t.next().end
	}
}

func (t *tokenizer) scan() token {
	if !t.started {
		t.started, t.lineStart = true, true
	}
	for t.pos < len(t.src) {
		c := t.src[t.pos]
		switch {
		case c == '\n':
			t.pos++
			if t.depth == 0 && !t.lineStart {
				t.lineStart = true
				return token{kind: tokNewline, start: t.pos - 1, end: t.pos}
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			t.pos++
		case c == '\\' && t.pos+1 < len(t.src) && (t.src[t.pos+1] == '\n' || t.src[t.pos+1] == '\r'):
			t.pos += 2 // explicit line continuation
			if t.src[t.pos-1] == '\r' && t.pos < len(t.src) && t.src[t.pos] == '\n' {
				t.pos++
			}
		case c == '#':
			start := t.pos
			for t.pos < len(t.src) && t.src[t.pos] != '\n' {
				t.pos++
			}
			if t.onComment != nil {
				t.onComment(start, t.pos)
			}
		default:
			tok := t.scanToken()
			if t.lineStart {
				tok.lineStart = true
				tok.indent = t.indentOf(tok.start)
				t.lineStart = false
			}
			return tok
		}
	}
	return token{kind: tokEOF, start: len(t.src), end: len(t.src)}
}

// indentOf is the column of the first token of a line, as Python counts
// it for indentation: a form feed in the leading whitespace starts the
// count again (a docstring after one is still at column 0).
func (t *tokenizer) indentOf(offset int) int {
	i := offset
	for i > 0 && t.src[i-1] != '\n' && t.src[i-1] != '\f' {
		i--
	}
	return offset - i
}

func (t *tokenizer) scanToken() token {
	start := t.pos
	c := t.src[t.pos]
	if isNameStart(c) {
		for t.pos < len(t.src) && isNameChar(t.src[t.pos]) {
			t.pos++
		}
		tok := token{kind: tokName, text: t.str[start:t.pos], start: start, end: t.pos}
		if t.pos < len(t.src) && (t.src[t.pos] == '"' || t.src[t.pos] == '\'') {
			// A name right before a quote is a string's prefix, or an
			// error; only then is it looked at in lower case.
			prefix := strings.ToLower(tok.text)
			if isStringPrefix(prefix) {
				tok = t.scanString(start, prefix)
			}
			if !python3Prefixes[prefix] {
				tok.invalid = "a string prefix Python 3 does not know"
			}
		}
		return tok
	}
	switch {
	case c == '"' || c == '\'':
		return t.scanString(start, "")
	case c >= '0' && c <= '9':
		t.pos = numberEnd(t.src, start)
		tok := token{kind: tokNumber, text: t.str[start:t.pos], start: start, end: t.pos}
		// A letter right after a number is Python's "invalid decimal
		// literal", except for the keywords it still lets touch one.
		if t.pos < len(t.src) && isNameChar(t.src[t.pos]) {
			end := t.pos
			for end < len(t.src) && isNameChar(t.src[end]) {
				end++
			}
			if !numberNeighbours[string(t.src[t.pos:end])] {
				tok.invalid = "a number runs into a name"
			}
		}
		return tok
	}
	t.pos++
	// A comparison or a walrus is not an assignment's `=`.
	if t.pos < len(t.src) && t.src[t.pos] == '=' && strings.IndexByte("=!<>:", c) >= 0 {
		t.pos++
		return token{kind: tokOp, text: t.str[start:t.pos], start: start, end: t.pos}
	}
	switch c {
	case '(', '[', '{':
		t.depth++
	case ')', ']', '}':
		if t.depth > 0 {
			t.depth--
		}
	}
	return token{kind: tokOp, text: byteStrings[c], start: start, end: t.pos}
}

// byteStrings holds each byte as a one-byte string: an operator token's
// text without an allocation per token.
var byteStrings = func() (out [256]string) {
	for i := range out {
		out[i] = string([]byte{byte(i)})
	}
	return out
}()

func (t *tokenizer) scanString(start int, prefix string) token {
	quote := t.src[t.pos]
	triple := t.pos+2 < len(t.src) && t.src[t.pos+1] == quote && t.src[t.pos+2] == quote
	width := 1
	if triple {
		width = 3
	}
	t.pos += width
	contentStart := t.pos
	raw := strings.Contains(prefix, "r")
	contentEnd := len(t.src)
	// Inside an f-string's replacement field, quotes and line breaks do
	// not end the string (Python 3.12: f"{x["a"]}", a field over lines).
	fstring, fields := strings.ContainsAny(prefix, "ft"), 0 // t: template strings, alike
	closed := false
	for t.pos < len(t.src) {
		c := t.src[t.pos]
		if c == '\\' && t.pos+1 < len(t.src) {
			t.pos += 2
			if t.src[t.pos-1] == '\r' && t.pos < len(t.src) && t.src[t.pos] == '\n' {
				t.pos++ // a backslash before a CRLF line break continues the string
			}
			continue
		}
		if fstring {
			doubled := t.pos+1 < len(t.src) && t.src[t.pos+1] == c
			switch {
			case (c == '{' || c == '}') && fields == 0 && doubled:
				t.pos += 2
				continue
			case c == '{':
				fields++
			case c == '}' && fields > 0:
				fields--
			}
		}
		if fields > 0 {
			t.pos++
			continue
		}
		if c == '\n' && !triple {
			contentEnd = t.pos
			break
		}
		if c == quote && (!triple || t.pos+2 < len(t.src) && t.src[t.pos+1] == quote && t.src[t.pos+2] == quote) {
			contentEnd = t.pos
			t.pos += width
			closed = true
			break
		}
		t.pos++
	}
	content := t.str[contentStart:min(contentEnd, len(t.src))]
	tok := token{kind: tokString, start: start, end: t.pos, contentStart: contentStart}
	if !closed {
		// Python refuses it; tree-sitter can read past it as one string
		// with the next one (after a bytes literal's \u), so it is told here.
		tok.invalid = "unterminated string literal"
		if triple {
			tok.invalid = "unterminated triple-quoted string literal"
		}
	}
	tok.dynamic = strings.ContainsAny(prefix, "ft") && strings.Contains(strings.ReplaceAll(content, "{{", ""), "{")
	if fstring {
		content = fieldsLeftOut(content)
	}
	if raw {
		tok.value = content
	} else {
		tok.value = unescapePython(content)
	}
	return tok
}

// bytesPrefix: a string literal with this prefix (quotes may follow) is
// bytes, not text.
func bytesPrefix(prefix string) bool { return strings.ContainsAny(prefix, "bB") }

// fieldsLeftOut is an f- or t-string's literal text as the parser gives
// it: the replacement fields left out, {{ and }} read as one brace.
func fieldsLeftOut(content string) string {
	var b strings.Builder
	fields := 0
	for i := 0; i < len(content); i++ {
		c := content[i]
		switch {
		case fields == 0 && (c == '{' || c == '}') && i+1 < len(content) && content[i+1] == c:
			b.WriteByte(c)
			i++
		case c == '{':
			fields++
		case c == '}' && fields > 0:
			fields--
		case fields == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// numberEnd returns where the number literal starting at start ends:
// 0x1F, 0o17, 0b101, 1_000, 3.14, 1e-5, 2j, as Python's tokenizer reads
// them.
func numberEnd(src []byte, start int) int {
	i := start
	digits := func(ok func(byte) bool) {
		for i < len(src) && (ok(src[i]) || src[i] == '_') {
			i++
		}
	}
	decimal := func(c byte) bool { return c >= '0' && c <= '9' }
	if src[i] == '0' && i+1 < len(src) {
		switch src[i+1] | 0x20 {
		case 'x':
			i += 2
			digits(func(c byte) bool { return decimal(c) || c|0x20 >= 'a' && c|0x20 <= 'f' })
			return i
		case 'o':
			i += 2
			digits(func(c byte) bool { return c >= '0' && c <= '7' })
			return i
		case 'b':
			i += 2
			digits(func(c byte) bool { return c == '0' || c == '1' })
			return i
		}
	}
	digits(decimal)
	if i < len(src) && src[i] == '.' {
		i++
		digits(decimal)
	}
	if i < len(src) && src[i]|0x20 == 'e' {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && decimal(src[j]) {
			i = j
			digits(decimal)
		}
	}
	if i < len(src) && src[i]|0x20 == 'j' {
		i++
	}
	return i
}

// numberNeighbours are the keywords Python accepts right after a number
// (`1if x else 2`), with a warning.
var numberNeighbours = map[string]bool{"and": true, "else": true, "for": true, "if": true, "in": true, "is": true, "not": true, "or": true}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// python3Prefixes are the string prefixes Python 3 accepts (t: template
// strings, 3.14); "ur" was Python 2's.
var python3Prefixes = map[string]bool{"r": true, "u": true, "b": true, "f": true, "br": true, "rb": true, "fr": true, "rf": true,
	"t": true, "tr": true, "rt": true}

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf", "ur", "t", "tr", "rt": // t: template strings (Python 3.14)
		return true
	}
	return false
}

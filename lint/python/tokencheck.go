package python

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Python's tokenizer limits, from CPython's Parser/tokenizer.h.
const (
	// maxIndent bounds the indentation levels: the 100th is refused.
	maxIndent = 100
	// tabSize is the tab width Python indents with; altTabSize the
	// width it checks the indentation against, to reject indentation
	// whose meaning depends on the tab width (TabError).
	tabSize, altTabSize = 8, 1
)

// operatorChars are the characters that start one of Python's operators
// or delimiters; '!' only as part of '!=' (a token of its own here).
const operatorChars = "()[]{},:.;@=+-*/%<>&|^~"

// tokenCheck returns the first error Python's tokenizer raises that
// tree-sitter lets pass: a number running into a name (`0branch`),
// brackets nested more than maxNesting deep, a
// block nested more than maxIndent deep, a dedent to no enclosing level,
// and indentation that mixes tabs and spaces so that its meaning depends
// on the tab width. It follows tok_get in CPython's tokenizer.
//
// It also returns where Python's logical lines start (up to the error).
func tokenCheck(src *source) (e lint.SyntaxError, failed bool, lineStarts []int) {
	if src.tokens == nil {
		r := &tokenResult{}
		r.err, r.failed, r.lineStarts = checkTokens(src)
		src.tokens = r
	}
	return src.tokens.err, src.tokens.failed, src.tokens.lineStarts
}

// tokenResult is tokenCheck's answer, kept on the source: the parse asks
// before and after it runs.
type tokenResult struct {
	err        lint.SyntaxError
	failed     bool
	lineStarts []int
}

// closers maps each closing bracket to its opening one.
var closers = map[string]byte{")": '(', "]": '[', "}": '{'}

func checkTokens(src *source) (e lint.SyntaxError, failed bool, lineStarts []int) {
	t := &tokenizer{src: src.text, str: src.str}
	var open []token // the brackets open, innermost last
	cols, altCols := []int{0}, []int{0}
	fail := func(offset int, msg string) (lint.SyntaxError, bool, []int) {
		return lint.SyntaxError{Span: src.offsetSpan(offset, offset+1), Message: msg}, true, lineStarts
	}
	// opensBlock: the previous logical line ended with ':', so this one
	// may indent.
	opensBlock, prev := false, token{}
	for first := true; ; first = false {
		tok := t.next()
		if tok.lineStart {
			lineStarts = append(lineStarts, tok.start)
			opensBlock = prev.kind == tokOp && prev.text == ":"
		}
		if tok.kind != tokNewline {
			prev = tok
		}
		switch {
		case tok.kind == tokEOF:
			return lint.SyntaxError{}, false, lineStarts
		case tok.invalid != "":
			return fail(tok.start, tok.invalid+": Python refuses the file (invalid syntax)")
		case tok.kind == tokOp && len(tok.text) == 1 && !strings.Contains(operatorChars, tok.text):
			return fail(tok.start, fmt.Sprintf("character %q outside a string or comment: Python refuses the file (invalid character)", tok.text))
		case tok.kind == tokOp && t.depth > maxNesting:
			return fail(tok.start, "brackets nested more than 200 deep: Python refuses the file (\"too many nested parentheses\")")
		case tok.kind == tokOp && (tok.text == "(" || tok.text == "[" || tok.text == "{"):
			open = append(open, tok)
		case tok.kind == tokOp && closers[tok.text] != 0 && len(open) == 0:
			src.bracketsFailed = true
			return fail(tok.start, fmt.Sprintf("unmatched %q: Python refuses the file (invalid syntax)", tok.text))
		case tok.kind == tokOp && closers[tok.text] != 0:
			last := open[len(open)-1]
			open = open[:len(open)-1]
			if last.text[0] != closers[tok.text] {
				src.bracketsFailed = true
				return fail(tok.start, fmt.Sprintf("closing bracket %q does not match the opening %q on line %d: Python refuses the file (invalid syntax)", tok.text, last.text, src.offsetSpan(last.start, last.start+1).Line))
			}
		}
		if !tok.lineStart {
			continue
		}
		col, altCol := indentation(src.text[tok.start-tok.indent : tok.start])
		top := len(cols) - 1
		switch {
		case first && col > 0:
			// Only a block opens an indentation; the first line has none.
			return fail(tok.start, "unexpected indent on the first line: Python refuses the file (IndentationError)")
		case col == cols[top]:
			if altCol != altCols[top] {
				return fail(tok.start, "inconsistent use of tabs and spaces in indentation: Python refuses the file (TabError)")
			}
		case col > cols[top]:
			if !opensBlock {
				return fail(tok.start, "unexpected indent: Python refuses the file (IndentationError)")
			}
			if len(cols) >= maxIndent {
				return fail(tok.start, "blocks nested more than 100 deep: Python refuses the file (\"too many levels of indentation\")")
			}
			if altCol <= altCols[top] {
				return fail(tok.start, "inconsistent use of tabs and spaces in indentation: Python refuses the file (TabError)")
			}
			cols, altCols = append(cols, col), append(altCols, altCol)
		default:
			for top > 0 && col < cols[top] {
				top--
			}
			cols, altCols = cols[:top+1], altCols[:top+1]
			if col != cols[top] {
				return fail(tok.start, "unindent does not match any outer indentation level: Python refuses the file (IndentationError)")
			}
			if altCol != altCols[top] {
				return fail(tok.start, "inconsistent use of tabs and spaces in indentation: Python refuses the file (TabError)")
			}
		}
	}
}

// indentation measures a line's leading whitespace as Python does: col
// with tabs to the next multiple of 8, altCol with tabs as one column; a
// form feed starts over.
func indentation(ws []byte) (col, altCol int) {
	for _, c := range ws {
		switch c {
		case ' ':
			col, altCol = col+1, altCol+1
		case '\t':
			col, altCol = (col/tabSize+1)*tabSize, (altCol/altTabSize+1)*altTabSize
		case '\f':
			col, altCol = 0, 0
		}
	}
	return col, altCol
}

package lint

import "fmt"

// Span is a range of source text. Lines and columns are 1-based; columns
// count characters, not bytes, so that a caret lines up under the text in a
// terminal. The zero Span means "the whole file" (no position known).
type Span struct {
	Line, Column       int
	EndLine, EndColumn int
}

// IsZero reports whether the span carries no position.
func (s Span) IsZero() bool { return s.Line == 0 }

func (s Span) String() string { return fmt.Sprintf("%d:%d", s.Line, s.Column) }

// LineSpan covers the start of a line, for findings that belong to a line
// rather than to an expression.
func LineSpan(line int) Span { return Span{Line: line, Column: 1, EndLine: line, EndColumn: 1} }

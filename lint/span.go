package lint

import "fmt"

// Span is a range of source text. Lines and columns are 1-based; columns
// count characters, not bytes, so that a caret lines up under the text in a
// terminal. The zero Span means "the whole file" (no position known).
type Span struct {
	Line, Column       int
	EndLine, EndColumn int
}

// Position is a line and a column, 1-based, of 32 bits each: small,
// for the values that carry one (Value.Content).
type Position struct {
	Line, Column int32
}

// Start is where the span starts.
func (s Span) Start() Position { return Position{Line: int32(s.Line), Column: int32(s.Column)} }

// IsZero reports whether the span carries no position.
func (s Span) IsZero() bool { return s.Line == 0 }

func (s Span) String() string { return fmt.Sprintf("%d:%d", s.Line, s.Column) }

// LineSpan covers the start of a line, for findings that belong to a line
// rather than to an expression.
func LineSpan(line int) Span { return Span{Line: line, Column: 1, EndLine: line, EndColumn: 1} }

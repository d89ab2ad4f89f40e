package ops

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TestPositionsIn: offsets into a string literal map to the Python line
// and column, asked in order (statements) or out of it (an error after).
func TestPositionsIn(t *testing.T) {
	s := lint.Value{Kind: lint.KindString, Text: "UPDATE é SET a = 1;\n  DELETE FROM t;\nDROP TABLE ü", Content: lint.Position{Line: 3, Column: 20}}
	at := positionsIn(s)
	for _, tt := range []struct {
		offset, line, col, endCol int
	}{
		{0, 3, 20, 38},
		{strings.Index(s.Text, "SET"), 3, 29, 38},
		{strings.Index(s.Text, "DELETE"), 4, 3, 16},
		{strings.Index(s.Text, "DROP"), 5, 1, 13},
		{strings.Index(s.Text, "é"), 3, 27, 38},
		{len(s.Text) + 10, 5, 13, 13},
	} {
		got := at(tt.offset)
		if got.Line != tt.line || got.Column != tt.col || got.EndLine != tt.line || got.EndColumn != tt.endCol {
			t.Errorf("offset %d: %+v, want line %d column %d end %d", tt.offset, got, tt.line, tt.col, tt.endCol)
		}
	}
}

// BenchmarkPositionsIn asks every statement's position in a long SQL
// string: the cost must grow with the text, not with its square.
func BenchmarkPositionsIn(b *testing.B) {
	for _, n := range []int{10_000, 40_000} {
		text := strings.Repeat("UPDATE t SET é = 1 WHERE id = 1; ", n)
		s := lint.Value{Kind: lint.KindString, Text: text, Content: lint.Position{Line: 1, Column: 1}}
		step := len(text) / n
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				at := positionsIn(s)
				for off := 0; off < len(text); off += step {
					if sp := at(off); off < 200 && sp.Column != utf8.RuneCountInString(text[:off])+1 {
						b.Fatal(sp)
					}
				}
			}
		})
	}
}

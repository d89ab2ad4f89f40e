package lazyregexp

import (
	"slices"
	"testing"
)

// TestCompiledOnFirstUse: an expression is not compiled by New (an
// invalid one panics only when used) and answers as regexp does.
func TestCompiledOnFirstUse(t *testing.T) {
	bad := New("(")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("an invalid expression did not panic on first use")
			}
		}()
		bad.MatchString("x")
	}()
	re := New(`a(\d+)`)
	if !re.MatchString("xa12") || re.FindString("xa12") != "a12" || !slices.Equal(re.FindStringSubmatch("a7"), []string{"a7", "7"}) {
		t.Error("the lazy expression does not answer as regexp does")
	}
	first := re.Compiled()
	if second := re.Compiled(); first != second {
		t.Error("compiled twice")
	}
}

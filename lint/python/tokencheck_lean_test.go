package python

import (
	"reflect"
	"testing"
)

// leanAgrees reports whether the token check gives the same answer from
// lean tokens as from full ones.
func leanAgrees(src []byte) (string, bool) {
	lean, full := newSource(src), newSource(src)
	e1, f1, l1 := checkTokens(lean)
	e2, f2, l2 := checkTokensWith(full, &tokenizer{src: full.text})
	if e1 != e2 || f1 != f2 || !reflect.DeepEqual(l1, l2) || lean.bracketsFailed != full.bracketsFailed {
		return "lean " + e1.Message + ", full " + e2.Message, false
	}
	return "", true
}

// TestLeanTokenCheckAgrees: on every fixture (and, with CORPUS_CACHE,
// every corpus file) the token check reads the same errors and logical
// lines from tokens without names' text and strings' values.
func TestLeanTokenCheckAgrees(t *testing.T) {
	failed := 0
	for path, src := range pythonSources(t) {
		if msg, ok := leanAgrees(src); !ok {
			t.Errorf("%s: %s", path, msg)
		}
		if _, f, _ := checkTokens(newSource(src)); f {
			failed++
		}
	}
	if failed == 0 {
		t.Error("no source the token check refuses: the comparison tests nothing of the errors")
	}
	for _, src := range []string{"x = 0branch\n", "x = u'a' + rb'b' + xb'c'\n", "x = 'open\n", "x = (]\n", "if x:\n\ty = 1\n        z = 2\n"} {
		if msg, ok := leanAgrees([]byte(src)); !ok {
			t.Errorf("%q: %s", src, msg)
		}
		if _, f, _ := checkTokens(newSource([]byte(src))); !f {
			t.Errorf("%q: the token check lets it pass", src)
		}
	}
}

func FuzzLeanTokenCheckAgrees(f *testing.F) {
	for _, src := range pythonSources(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if msg, ok := leanAgrees(src); !ok {
			t.Fatalf("%q: %s", src, msg)
		}
	})
}

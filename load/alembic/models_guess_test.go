package alembic

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode"
)

// guessTree is an application whose model classes derive from one
// another across modules in an order the rounds of declarativeModels
// need two rounds for: app.b derives from a class of app.c, which comes
// after it.
var guessTree = map[string]string{
	"alembic.ini":              "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://u@h/d\n",
	"migrations/versions/a.py": rev,
	"migrations/env.py":        "from app.db import Base\ntarget_metadata = Base.metadata\n",
	"app/__init__.py":          "",
	"app/db.py":                "from sqlalchemy.orm import declarative_base\nBase = declarative_base()\n",
	"app/a.py":                 "from app.db import Base\n\nclass A(Mixin, Base):\n    __abstract__ = False\n    __tablename__ = 'a'\n",
	"app/b.py":                 "from app.c import C\n\nclass B(C):\n    pass\n\nclass Helper:\n    pass\n",
	"app/c.py":                 "from app.a import A\n\nclass C(A):\n    pass\n",
	"app/d.py":                 "from app.b import B\n\nclass D(B):\n    pass\n",
	"app/other.py":             "class Other(object):\n    pass\n",
	"app/old.py":               "down_revision = None\n\nclass Old(A):\n    pass\n",
	"app/tests/test_a.py":      "from app.a import A\n\nclass TestA(A):\n    pass\n",
}

// guessTreeWithMore is guessTree with ten more models deriving from D,
// enough for parseAhead to use the other cores.
func guessTreeWithMore() map[string]string {
	tree := maps.Clone(guessTree)
	for i := range 10 {
		tree[fmt.Sprintf("app/m%d.py", i)] = fmt.Sprintf("from app.d import D\n\nclass M%d(D):\n    __tablename__ = 'm%d'\n", i, i)
	}
	return tree
}

// TestLikelyModelModules: the guess from the bytes lists the modules the
// rounds read, in the rounds' order, leaving out tests, revision files and
// what derives from nothing known.
func TestLikelyModelModules(t *testing.T) {
	l, err := Discover(anywhere(), writeTree(t, guessTree))
	if err != nil {
		t.Fatal(err)
	}
	proj := scanProject(nil, []string{l.Root}, l)
	got := likelyModelModules(proj, proj.modelCandidates(), map[string]bool{"Base": true}, map[string]bool{"app.db": true})
	want := []string{"app.a", "app.c", "app.b", "app.d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("guessed %v, want %v", got, want)
	}
	l, err = Discover(anywhere(), writeTree(t, guessTreeWithMore()))
	if err != nil {
		t.Fatal(err)
	}
	proj = scanProject(nil, []string{l.Root}, l)
	guess := likelyModelModules(proj, proj.modelCandidates(), map[string]bool{"Base": true}, map[string]bool{"app.db": true})
	if len(guess) != 14 {
		t.Fatalf("guessed %v, want the four and m0-m9", guess)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	proj.parseAhead(guess)
	if len(proj.refs) != len(guess) {
		t.Errorf("parsed ahead %d of the %d guessed", len(proj.refs), len(guess))
	}
}

// TestModelsDoNotDependOnTheGuess: the models found with the modules
// parsed ahead on several cores are those one core finds, the deepest
// class included.
func TestModelsDoNotDependOnTheGuess(t *testing.T) {
	dir := writeTree(t, guessTreeWithMore())
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := readPrefetchSetup(t, dir, nil) // one core: parseAhead parses nothing
	found := map[string]bool{}
	if want.Models != nil {
		for _, b := range want.Models.Bases {
			for _, m := range b.Models {
				found[m.Class] = true
			}
		}
	}
	for _, class := range []string{"A", "B", "C", "D", "M9"} {
		if !found[class] {
			t.Errorf("model %s not found: %v", class, found)
		}
	}
	runtime.GOMAXPROCS(4)
	if got := readPrefetchSetup(t, dir, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("four cores:\n%+v\none core:\n%+v", got.Models, want.Models)
	}
}

// derivesFromScan is how the rounds decided before the words were found
// once per module: a scan of the bytes for every question.
func derivesFromScan(data []byte, names map[string]bool) bool {
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("class "))
		if i < 0 {
			return false
		}
		start := at + i
		at = start + len("class ")
		if start > 0 && data[start-1] != '\n' && data[start-1] != ' ' && data[start-1] != '\t' {
			continue
		}
		open := bytes.IndexByte(data[at:min(len(data), at+200)], '(')
		if open < 0 {
			continue
		}
		rest := data[at+open+1:]
		end := bytes.IndexAny(rest, "):")
		if end < 0 {
			return false
		}
		for _, word := range bytes.FieldsFunc(rest[:end], func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if names[string(word)] {
				return true
			}
		}
	}
}

// FuzzClassBaseWords: whether a module derives from one of some names is
// answered from its class statements' words as the scan answers it, for
// any bytes and any names.
func FuzzClassBaseWords(f *testing.F) {
	for _, src := range guessTree {
		f.Add([]byte(src), "Base C")
	}
	f.Add([]byte("class A(B\nclass C(D):\n"), "D")
	f.Add([]byte("class A(Base, Mixin):\n    pass\nclass\tB(Mixin)"), "Mixin x")
	f.Add([]byte("x.class A(B):\nclass É(Ünï, Base):"), "Ünï")
	f.Fuzz(func(t *testing.T, data []byte, list string) {
		names := map[string]bool{}
		for _, n := range strings.Fields(list) {
			names[n] = true
		}
		// Also every word the module has, one at a time.
		for _, w := range append([][]byte{nil}, bytes.FieldsFunc(data, func(r rune) bool { return r == ' ' || r == '(' || r == ',' || r == ')' })...) {
			with := maps.Clone(names)
			if w != nil {
				with[string(w)] = true
			}
			if got, want := anyNamed(classBaseWords(data), with), derivesFromScan(data, with); got != want {
				t.Fatalf("%q with %v: words say %v, the scan %v", data, with, got, want)
			}
		}
	})
}

// TestClassBaseWordsIsLinear: class statements nested in one another's
// parentheses, as a hostile module can write them, give each word once,
// not once per statement that contains it (3,000 of them kept 4.5 million
// words).
func TestClassBaseWordsIsLinear(t *testing.T) {
	data := []byte(strings.Repeat("class X( ", 3000) + "):\n")
	words := classBaseWords(data)
	if len(words) > 2*3000 {
		t.Fatalf("%d words from %d bytes", len(words), len(data))
	}
	if !anyNamed(words, map[string]bool{"X": true}) || !derivesFromScan(data, map[string]bool{"X": true}) {
		t.Fatal("the statements derive from X")
	}
}

package python

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

func init() { fastParserStrict = true }

// pythonSources returns the Python sources the differential tests read:
// every .py file (and each .py member of a .txtar archive) of the
// repository's fixtures, and, when CORPUS_CACHE points at the extracted
// real-world corpus (scripts/corpus), every file there.
func pythonSources(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	roots := []string{"../../rules/testdata", "../../testdata", "../../load", "../../sandbox/testdata", "testdata"}
	if dir := os.Getenv("CORPUS_CACHE"); dir != "" {
		roots = append(roots, dir)
	}
	for _, root := range roots {
		_ = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			switch {
			case strings.HasSuffix(path, ".py"):
				if data, err := os.ReadFile(path); err == nil {
					out[path] = data
				}
			case strings.HasSuffix(path, ".txtar"):
				a, err := txtar.ParseFile(path)
				if err != nil {
					return nil
				}
				for _, f := range a.Files {
					if strings.HasSuffix(f.Name, ".py") {
						out[path+"/"+f.Name] = f.Data
					}
				}
			}
			return nil
		})
	}
	if len(out) < 100 {
		t.Fatalf("only %d Python sources found", len(out))
	}
	return out
}

// parseBoth parses src as a revision and as a module with the fast
// parser and with tree-sitter alone; fast is false when the fast parser
// gave up (tree-sitter's results are then the only ones).
func parseBoth(t testing.TB, src []byte) (fast bool, diff string) {
	ts := NewParser()
	defer ts.Close()
	ts.py.tsOnly = true
	fp := NewParser()
	defer fp.Close()
	fp.py.fastOnly = true
	if _, _, err := fp.py.parse(newSource(src).text, newSource(src).str); err != nil {
		return false, ""
	}
	want := ts.ParseRevision("x.py", src)
	got := fp.ParseRevision("x.py", src)
	if d := firstDifference(reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem(), "Revision"); d != "" {
		return true, d
	}
	wantM, gotM := ts.ParseModule(src), fp.ParseModule(src)
	if d := firstDifference(reflect.ValueOf(wantM).Elem(), reflect.ValueOf(gotM).Elem(), "Module"); d != "" {
		return true, d
	}
	return true, ""
}

// firstDifference describes where two values differ, or "".
func firstDifference(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path + ": kinds differ"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: tree-sitter %v, fast %v", path, a, b)
			}
			return ""
		}
		return firstDifference(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := firstDifference(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: tree-sitter has %d, fast %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := firstDifference(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.CanInterface() && !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return fmt.Sprintf("%s: tree-sitter %v, fast %v", path, a.Interface(), b.Interface())
		}
		return ""
	}
	// Leaves; unexported fields are read without Interface.
	var same bool
	switch a.Kind() {
	case reflect.Bool:
		same = a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		same = a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		same = a.Uint() == b.Uint()
	case reflect.String:
		same = a.String() == b.String()
	case reflect.Float32, reflect.Float64:
		same = a.Float() == b.Float()
	default:
		same = !a.CanInterface() || reflect.DeepEqual(a.Interface(), b.Interface())
	}
	if !same {
		return fmt.Sprintf("%s: tree-sitter %v, fast %v", path, a, b)
	}
	return ""
}

// TestFastParserAgrees: on every fixture (and, with CORPUS_CACHE, every
// file of the real-world corpus) the fast parser either gives up or
// produces exactly what tree-sitter produces, and it reads most files.
func TestFastParserAgrees(t *testing.T) {
	sources := pythonSources(t)
	read, revisions, revisionsRead := 0, 0, 0
	var gaveUp []string
	for path, src := range sources {
		fast, diff := parseBoth(t, src)
		if diff != "" {
			t.Errorf("%s: %s", path, diff)
		}
		isRevision := strings.Contains(string(src), "down_revision")
		if isRevision {
			revisions++
		}
		if fast {
			read++
			if isRevision {
				revisionsRead++
			}
		} else {
			gaveUp = append(gaveUp, path)
		}
	}
	t.Logf("the fast parser read %d of %d files, %d of %d revision files", read, len(sources), revisionsRead, revisions)
	if testing.Verbose() {
		for _, p := range gaveUp {
			t.Logf("gave up on %s", p)
		}
	}
	if revisionsRead*100 < revisions*95 {
		t.Errorf("the fast parser read only %d of %d revision files", revisionsRead, revisions)
	}
}

// FuzzFastParserAgrees: whatever the input, the fast parser gives up or
// agrees with tree-sitter, and never panics.
func FuzzFastParserAgrees(f *testing.F) {
	for _, src := range pythonSources(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	for _, shapes := range shapeSeeds() {
		for _, src := range shapes {
			f.Add([]byte(src))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, diff := parseBoth(t, src); diff != "" {
			t.Fatalf("%q: %s", src, diff)
		}
	})
}

// TestFastParserLeavesTokenErrorsToTreeSitter: a file the fast parser
// reads skips the token check (ParseRevision), so it must give up on
// every kind of file Python's tokenizer refuses.
func TestFastParserLeavesTokenErrorsToTreeSitter(t *testing.T) {
	nested := func(open, close string, n int) string {
		return "x = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	blocks := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i) + "if x:\n")
		}
		b.WriteString(strings.Repeat(" ", n) + "pass\n")
		return b.String()
	}
	for _, src := range []string{
		nested("(", ")", 201), nested("[", "]", 201), nested("{", "}", 201), nested("f(", ")", 201),
		blocks(100),
		"if x:\n\ty = 1\n        z = 2\n",
		"if x:\n        y = 1\n\tz = 2\n",
		"if x:\n    y = 1\n  z = 2\n",
		"  x = 1\n",
		"x = (1]\n", "x = 1)\n",
		"x = 1 $ 2\n", "x = 1 ? 2\n", "x = `1`\n", "x = 1 ! 2\n",
		"x = 0branch\n", "x = xb'c'\n",
		"x = 'open\n", "x = '''open\n",
		"x = r\"\\\"\nx\"\n", "x = r'\\\\\n'\n",
		"x = f\"{d:>C\\}\"\n",
	} {
		if _, failed, _ := checkTokens(newSource([]byte(src))); !failed {
			t.Errorf("%.40q...: the token check lets it pass; the case tests nothing", src)
		}
		p := NewParser()
		p.py.fastOnly = true
		if _, ok := p.py.parseFast([]byte(src), src); ok {
			t.Errorf("%.40q...: the fast parser reads what Python's tokenizer refuses", src)
		}
		p.Close()
	}
	// Just inside the limits, the fast parser still reads them.
	for _, src := range []string{nested("(", ")", 40), blocks(60)} {
		p := NewParser()
		if _, ok := p.py.parseFast([]byte(src), src); !ok {
			t.Errorf("%.40q...: the fast parser gave up", src)
		}
		p.Close()
	}
}

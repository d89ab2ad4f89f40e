package python

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// referenceShortText is shortText as first written: the whole text split
// and joined, then cut.
func referenceShortText(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if len(s) > maxOtherText {
		cut := maxOtherText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// referenceBinaryValue is binaryValue as first written: both operands
// evaluated at every level, "+" joining the texts level by level.
func referenceBinaryValue(f *fileParser, n *node, v lint.Value) lint.Value {
	left, right, op := n.child("left"), n.child("right"), n.child("operator")
	if left == nil || right == nil || op == nil {
		v.Kind, v.Text = lint.KindOther, referenceShortText(n.text(f.src.str))
		return v
	}
	lv, rv := f.valueOf(left), f.valueOf(right)
	switch op.text(f.src.str) {
	case "%":
		if lv.Kind == lint.KindString {
			lv.Dynamic, lv.Span = true, v.Span
			lv.SetHoles(append(lv.Holes(), percentFields(lv.Text)...))
			lv.Runtime = lv.Runtime || f.readsRuntimeData(right)
			return lv
		}
	case "+":
		if lv.Kind == lint.KindString || rv.Kind == lint.KindString {
			out := lint.Value{Kind: lint.KindString, Span: v.Span, Content: lv.Content}
			var holes []int
			for _, side := range []lint.Value{lv, rv} {
				if side.Kind == lint.KindString {
					for _, h := range side.Holes() {
						holes = append(holes, len(out.Text)+h)
					}
					out.Text += side.Text
					out.Dynamic = out.Dynamic || side.Dynamic
					out.Runtime = out.Runtime || side.Runtime
				} else {
					holes = append(holes, len(out.Text))
					out.Dynamic = true
				}
			}
			out.SetHoles(holes)
			out.Runtime = out.Runtime || lv.Kind != lint.KindString && f.readsRuntimeData(left) || rv.Kind != lint.KindString && f.readsRuntimeData(right)
			return out
		}
	}
	v.Kind, v.Text = lint.KindOther, referenceShortText(n.text(f.src.str))
	return v
}

func TestShortTextAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "bc", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\u2003", "é", "日本", "\xff", "\xe6\x97", "x" + strings.Repeat("y", 60)}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := rng.Intn(40); j > 0; j-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		if got, want := shortText(b.String()), referenceShortText(b.String()); got != want {
			t.Fatalf("shortText(%q) = %q, want %q", b.String(), got, want)
		}
	}
}

// randomExpression builds Python expressions of strings, names, numbers
// and calls joined by + % * - and parentheses.
func randomExpression(rng *rand.Rand, depth int) string {
	operands := []string{`"a"`, `'b%s'`, `"c{}"`, `f"d{x}"`, `f"{request.args}"`, `"e" "f"`, `x`, `request.form`, `1`, `"%(n)s"`, `g()`, `"h".format(y)`, `T`, `None`}
	if depth == 0 || rng.Intn(4) == 0 {
		return operands[rng.Intn(len(operands))]
	}
	if rng.Intn(5) == 0 {
		return "(" + randomExpression(rng, depth-1) + ")"
	}
	ops := []string{" + ", " + ", " + ", " % ", " * ", " - ", "+"}
	return randomExpression(rng, depth-1) + ops[rng.Intn(len(ops))] + randomExpression(rng, depth-1)
}

// TestBinaryValueAgrees: on random expressions, every binary operator's
// value is what the level-by-level evaluation gave.
func TestBinaryValueAgrees(t *testing.T) {
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewSource(2))
	checked := 0
	for i := 0; i < 3000; i++ {
		src := newSource([]byte("T = \"t\"\nx = input()\ny = request.args\nz = " + randomExpression(rng, 1+rng.Intn(6)) + "\n"))
		f := parsedModule(t, p, src)
		eachNode(f.root, func(n *node) {
			if n.kind == "binary_operator" {
				v := lint.Value{Span: f.spanOf(n)}
				got, want := f.valueOf(n), referenceBinaryValue(f, n, v)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s:\n got %+v\nwant %+v", n.text(src.str), got, want)
				}
				checked++
			}
		})
	}
	if checked < 3000 {
		t.Errorf("only %d operators checked", checked)
	}
}

// allocated is the memory one parse of src allocates: the work of
// copying text and describing expressions shows there.
func allocated(p *Parser, src []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p.ParseRevision("x.py", src)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongExpressionsAreLinear: the value of a long chain of "+" (strings
// or not) or of another operator costs memory in proportion to its
// length: doubling the chain at most a little more than doubles it. Each
// level used to copy the text so far, or describe its whole source.
func TestLongExpressionsAreLinear(t *testing.T) {
	p := NewParser()
	defer p.Close()
	for _, c := range []struct{ name, unit, end string }{
		{"string concatenation", `"ALTER TABLE t ADD COLUMN c int; " + `, `""`},
		{"numbers", "1 + ", "1"},
		{"names and strings", `x + "a" + `, `""`},
		{"products", "2 * ", "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			source := func(n int) []byte {
				return []byte(fmt.Sprintf("revision = \"a1\"\ndown_revision = None\n\ndef upgrade():\n    op.execute(%s%s)\n", strings.Repeat(c.unit, n), c.end))
			}
			// Once first, so that the parser's own buffers have grown.
			allocated(p, source(2000))
			small, large := allocated(p, source(1000)), allocated(p, source(2000))
			if ratio := float64(large) / float64(small); ratio > 2.5 {
				t.Errorf("1,000 levels allocate %d bytes, 2,000 levels %d: %.2fx", small, large, ratio)
			}
		})
	}
}

// referenceCalleeText and referenceDottedName are the recursive forms
// first written, which copied the text at every level.
func referenceCalleeText(f *fileParser, n *node) string {
	switch n.kind {
	case "identifier":
		return n.text(f.src.str)
	case "attribute":
		obj, attr := n.child("object"), n.child("attribute")
		if obj != nil && attr != nil {
			return referenceCalleeText(f, obj) + "." + attr.text(f.src.str)
		}
	case "call":
		if fn := n.child("function"); fn != nil {
			return referenceCalleeText(f, fn) + "()"
		}
	case "parenthesized_expression":
		if inner := n.namedChildren(); len(inner) == 1 {
			return referenceCalleeText(f, inner[0])
		}
	}
	return referenceShortText(n.text(f.src.str))
}

func referenceDottedName(f *fileParser, n *node) (string, bool) {
	switch n.kind {
	case "identifier":
		return n.text(f.src.str), true
	case "attribute":
		obj, attr := n.child("object"), n.child("attribute")
		if obj == nil || attr == nil {
			return "", false
		}
		base, ok := referenceDottedName(f, obj)
		return base + "." + attr.text(f.src.str), ok
	}
	return "", false
}

// randomChain builds callee-like chains: names, attributes, calls,
// subscripts, parentheses and literals.
func randomChain(rng *rand.Rand, depth int) string {
	if depth == 0 {
		return []string{"a", "op", "sa", `"s"`, "1", "(x + y)", "[1, 2]", "é", "_x1", "A9"}[rng.Intn(10)]
	}
	inner := randomChain(rng, depth-1)
	switch rng.Intn(5) {
	case 0, 1:
		// Mostly written tight, as the fast path for dotted names wants;
		// sometimes with spaces or a line break (in parentheses) around
		// the dot, which it must leave to the builder.
		dot := []string{".", ".", ".", " .", ". ", "(\n).", "\\\n."}[rng.Intn(7)]
		if dot == "(\n)." {
			return "(" + inner + "\n)." + "b"
		}
		return inner + dot + []string{"b", "execute", "get_bind", "ñ", "c2"}[rng.Intn(5)]
	case 2:
		return inner + "(" + []string{"", "1", "k=2"}[rng.Intn(3)] + ")"
	case 3:
		return inner + "[0]"
	}
	return "(" + inner + ")"
}

// TestCalleeTextAgrees: calleeText and dottedName give what the recursive
// forms gave, on every call and attribute of random chains.
func TestCalleeTextAgrees(t *testing.T) {
	p := NewParser()
	defer p.Close()
	rng := rand.New(rand.NewSource(6))
	checked := 0
	for i := 0; i < 2000; i++ {
		src := newSource([]byte("z = " + randomChain(rng, 1+rng.Intn(8)) + "\n"))
		f := parsedModule(t, p, src)
		eachNode(f.root, func(n *node) {
			if got, want := f.calleeText(n), referenceCalleeText(f, n); got != want {
				t.Fatalf("calleeText(%s) = %q, want %q", n.text(src.str), got, want)
			}
			name, ok := f.dottedName(n)
			wantName, wantOK := referenceDottedName(f, n)
			if name != wantName || ok != wantOK {
				t.Fatalf("dottedName(%s) = %q %v, want %q %v", n.text(src.str), name, ok, wantName, wantOK)
			}
			checked++
		})
	}
	if checked < 10000 {
		t.Errorf("only %d nodes checked", checked)
	}
}

// TestCalleeTextIsLinear: the callee of one call at the end of a chain
// a.b().b()... costs memory in proportion to the chain: built level by
// level it was the square (and each call of the chain paid it).
func TestCalleeTextIsLinear(t *testing.T) {
	p := NewParser()
	defer p.Close()
	cost := func(n int) uint64 {
		src := newSource([]byte("z = a" + strings.Repeat(".b()", n) + "\n"))
		f := parsedModule(t, p, src)
		call := f.root
		for call.kind != "call" {
			call = call.namedChildren()[len(call.namedChildren())-1]
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f.calleeText(call)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	cost(2000)
	small, large := cost(1000), cost(2000)
	if ratio := float64(large) / float64(small); ratio > 2.5 {
		t.Errorf("a chain of 1,000 calls allocates %d bytes, of 2,000 %d: %.2fx", small, large, ratio)
	}
}

// parsedModule parses src as ParseModule would, for a test that calls the
// value readers on its nodes.
func parsedModule(t *testing.T, p *Parser, src *source) *fileParser {
	t.Helper()
	root, _, err := p.py.parse(src.text, src.str)
	if err != nil {
		t.Fatal(err)
	}
	return moduleFileParser(src, root)
}

// eachNode calls visit on n and every node below it.
func eachNode(n *node, visit func(*node)) {
	visit(n)
	for _, c := range n.children {
		eachNode(c, visit)
	}
}

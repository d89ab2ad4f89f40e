package python

import (
	"fmt"
	"strings"
	"testing"
)

// readsAndAgrees checks that the fast parser reads each source itself and
// that what it reads is what tree-sitter reads.
func readsAndAgrees(t *testing.T, sources []string) {
	t.Helper()
	for _, src := range sources {
		fast, diff := parseBoth(t, []byte(src))
		switch {
		case !fast:
			t.Errorf("%q: the fast parser gave it to tree-sitter", src)
		case diff != "":
			t.Errorf("%q: %s", src, diff)
		}
	}
}

// leavesToTreeSitter checks that the fast parser gives each source up.
func leavesToTreeSitter(t *testing.T, sources []string) {
	t.Helper()
	for _, src := range sources {
		p := NewParser()
		p.py.fastOnly = true
		if _, _, err := p.py.parse([]byte(src), src); err == nil {
			t.Errorf("%q: the fast parser should leave it to tree-sitter", src)
		}
		p.Close()
	}
}

// Python 2 projects (nylas/sync-engine in the corpus) print in their
// revisions and modules; tree-sitter had every such file to itself, at
// several times the cost.
func TestFastParserReadsPrintStatements(t *testing.T) {
	readsAndAgrees(t, printStatementsRead)
	leavesToTreeSitter(t, printStatementsLeft)
}

var printStatementsRead = []string{
	"print 'x'\n",
	"print \"a\", b,\n",
	"print x\n",
	"print 1, 2\n",
	"print\n",
	"print('x')\n",
	"def upgrade():\n    print 'Copying data.'\n    op.add_column('t', sa.Column('c', sa.Integer(), nullable=False))\n",
	"print '%s rows' % (a, b), c if d else e\n",
	"if x: print y\n",
	"print f(op.drop_table('t'))\n",
	"revision = 'a'\nprint 'x'\ndown_revision = None\n",
}

var printStatementsLeft = []string{
	"print -1\n",
	"print (a), b\n",
	"print >>sys.stderr, 'x'\n",
	"print not x\n",
	"print [1]\n",
	"print x y\n",
	"print x = 1\n",
	"exec 'x' in d\n",
}

// f-strings: keyword arguments and comparisons inside an interpolation,
// and the self-documenting {x=} (dispatch, mealie).
func TestFastParserReadsInterpolations(t *testing.T) {
	readsAndAgrees(t, interpolationsRead)
	leavesToTreeSitter(t, interpolationsLeft)
}

var interpolationsRead = []string{
	"log.debug(f\"Sort Spec: {json.dumps(sort_spec, indent=2)}\")\n",
	"x = f\"{a[b == c]} {d(e=1)[0]}\"\n",
	"x = f\"{a == b} {c <= d} {e >= g}\"\n",
	"x = f\"{a=} {b = } {c=!r} {d=:>10} {e.f=}\"\n",
	"x = f\"{a=}{b}\"\n",
}

var interpolationsLeft = []string{
	"x = f\"{=}\"\n",
	"x = f\"{a=b}\"\n",
	"x = f\"{a!=b}\"\n",
}

// A list or set whose first element splats more than a name: tree-sitter
// reads a lone [*a.b] as an attribute of the splat, and [*a.b, c] as
// written (indico, warehouse).
func TestFastParserReadsLeadingSplats(t *testing.T) {
	readsAndAgrees(t, leadingSplatsRead)
	leavesToTreeSitter(t, leadingSplatsLeft)
}

var leadingSplatsRead = []string{
	"x = [*a.b, 1]\n",
	"x = [*a['img'], 'usemap']\n",
	"x = {*a.b(), None}\n",
	"x = [\n    *a.b.c(1)[2],\n    3,\n]\n",
	"x = [*a, *b.c]\n",
}

var leadingSplatsLeft = []string{
	"x = [*a.b]\n",
	"x = [*a.b,]\n",
	"x = {*a.b()}\n",
	"x = [*a + b, 1]\n",
}

// Type annotations with literals and calls in their subscripts, and a
// parenthesized return type (prefect, octavia).
func TestFastParserReadsAnnotations(t *testing.T) {
	readsAndAgrees(t, annotationsRead)
	leavesToTreeSitter(t, annotationsLeft)
}

var annotationsRead = []string{
	"key: Annotated[str, AfterValidator(check)] = Field(default=None)\n",
	"def f(a: Literal[True] = ..., b: Literal['x', 2, 1.5, False] = 1) -> Literal[True]:\n    pass\n",
	"def f(self, sg_id: str) -> (\n        'network_models.SecurityGroup'):\n    pass\n",
	"x: Annotated[int, pydantic.Field(gt=0)]\n",
}

var annotationsLeft = []string{
	"x: True\n",
	"def f() -> {}:\n    pass\n",
	"x: Annotated[int, f()()]\n",
}

// Match statements with the common patterns (ckan's datastore backend,
// which its setup reads, has one).
func TestFastParserReadsMatchStatements(t *testing.T) {
	readsAndAgrees(t, matchStatementsRead)
	leavesToTreeSitter(t, matchStatementsLeft)
}

var matchStatementsRead = []string{
	"match fo:\n    case FilterOp(op='$and', value=v):\n        c = [cl for f in v if (cl := build(f))]\n        return c\n    case FilterOp(field=str(f), op='in', value=v) if v:\n        pass\n    case FilterOp() as op:\n        raise ValidationError(op)\n    case _:\n        pass\n",
	"def upgrade():\n    match dialect.name:\n        case 'postgresql':\n            op.create_index('i', 't', ['c'], postgresql_concurrently=True)\n        case 'mysql' if False:\n            pass\n",
	"match x:\n    # a comment\n    case 1:\n        pass  # trailing\n    # between\n    case None:\n        pass\n# after\n",
	"match x:\n    case a.b.C(1, 2.5, True, k=False):\n        pass\n    case 'a' 'b':\n        pass\nmatch = 1\nmatch.group(1)\n",
	"match x:\n    case Point(x=0, y=0) as origin: return origin\n",
}

var matchStatementsLeft = []string{
	"match x:\n    case 1 | 2:\n        pass\n",
	"match x:\n    case [a, *rest]:\n        pass\n",
	"match x:\n    case {'k': v}:\n        pass\n",
	"match x:\n    case -1:\n        pass\n",
	"match x:\n    case 1j:\n        pass\n",
	"match x:\n    case a, b:\n        pass\n",
	"match x, y:\n    case a:\n        pass\n",
	"match (x):\n    case a:\n        pass\n",
	"match x:\n    case Point(_=0):\n        pass\n",
}

// shapeSeeds seed FuzzFastParserAgrees with the shapes above.
func shapeSeeds() [][]string {
	return [][]string{printStatementsRead, printStatementsLeft, interpolationsRead, interpolationsLeft,
		leadingSplatsRead, leadingSplatsLeft, annotationsRead, annotationsLeft, matchStatementsRead, matchStatementsLeft}
}

// Binary operators of every precedence level, mixed: the fast parser's
// trees (precedence climbing) are tree-sitter's, node for node. The
// revision facts parseBoth compares would not show an operand grouped
// under the wrong operator.
func TestFastParserGroupsBinaryOperators(t *testing.T) {
	ops := []string{"|", "&", "^", "<<", ">>", "+", "-", "*", "/", "//", "%", "@"}
	var sources []string
	for _, a := range ops {
		for _, b := range ops {
			sources = append(sources, "x = a "+a+" b "+b+" c "+a+" d\n", "x = (a "+a+" -b) "+b+" c ** d "+b+" e\n")
		}
	}
	sources = append(sources,
		"x = a | b & c ^ d << e + f * g\n",
		"x = a * b + c << d ^ e & f | g\n",
		"x = a + b * c - d / e // f % g @ h >> i | j\n",
		"x = 1 + 2 if a | b else c & d\n",
		"op.execute('a' + 'b' * 2 + \"c\")\n",
		"x = a < b | c == d & e\n",
		"x = not a + b or c - d and e\n",
		"f(a + b, *c | d, **e & f)\n",
	)
	for _, src := range sources {
		tsParser, fastParser := NewParser(), NewParser()
		tsParser.py.tsOnly, fastParser.py.fastOnly = true, true
		want, _, err := tsParser.py.parse([]byte(src), src)
		if err != nil {
			t.Fatalf("%q: tree-sitter: %v", src, err)
		}
		got, _, err := fastParser.py.parse([]byte(src), src)
		if err != nil {
			t.Errorf("%q: the fast parser gave it up: %v", src, err)
		} else if w, g := treeText(want), treeText(got); w != g {
			t.Errorf("%q:\ntree-sitter %s\nfast parser %s", src, w, g)
		}
		tsParser.Close()
		fastParser.Close()
	}
}

// treeText writes a tree's named nodes as an S-expression with offsets;
// a string is a leaf (the fast parser leaves out its content nodes).
func treeText(n *node) string {
	var b strings.Builder
	var write func(n *node)
	write = func(n *node) {
		if !n.named {
			return
		}
		fmt.Fprintf(&b, "(%s %d-%d", n.kind, n.start, n.end)
		if n.kind != "string" {
			for _, c := range n.children {
				write(c)
			}
		}
		b.WriteString(")")
	}
	write(n)
	return b.String()
}

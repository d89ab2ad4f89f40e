package alembic

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint/python"
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

// pluginTree is guessTree with plugins whose base shares its name with a
// model (as on Netflix/dispatch), a mixin that declares __tablename__
// and one that derives from it in a module with none of the model words,
// and a model that names its table through that mixin only.
func pluginTree() map[string]string {
	tree := guessTreeWithMore()
	tree["app/plugin_model.py"] = "from app.db import Base\n\nclass Plugin(Base):\n    __tablename__ = 'plugin'\n"
	tree["app/plugins/__init__.py"] = ""
	tree["app/plugins/base.py"] = "class Plugin(object):\n    pass\n"
	tree["app/plugins/kinds.py"] = "from app.plugins.base import Plugin\n\nclass TicketPlugin(Plugin):\n    pass\n"
	for i := range 10 {
		tree[fmt.Sprintf("app/plugins/p%d.py", i)] = fmt.Sprintf("from app.plugins.kinds import TicketPlugin\n\nclass P%d(TicketPlugin):\n    pass\n", i)
	}
	tree["app/mixins.py"] = "from sqlalchemy.orm import declared_attr\n\nclass NamedMixin:\n    @declared_attr\n    def __tablename__(cls):\n        return cls.__name__.lower()\n"
	tree["app/audit.py"] = "from app.mixins import NamedMixin\n\nclass AuditMixin(NamedMixin):\n    pass\n"
	tree["app/audited.py"] = "from app.db import Base\nfrom app.audit import AuditMixin\n\nclass Audited(AuditMixin, Base):\n    pass\n"
	return tree
}

// TestRoundsReadWhatMayMatter: the rounds read the modules deriving from
// a model, a declarative base, a class that names a table, or a class
// deriving from those; not those deriving only from a class that merely
// shares its name with a model (the plugins), which are not parsed at
// all. The model that names its table through a mixin's mixin has a
// table of its own.
func TestRoundsReadWhatMayMatter(t *testing.T) {
	own, parsed := readModels(t, pluginTree())
	for _, class := range []string{"A", "B", "C", "D", "M9", "Plugin", "Audited"} {
		if _, ok := own[class]; !ok {
			t.Errorf("model %s not found: %v", class, own)
		}
	}
	if !own["Audited"] {
		t.Error("Audited names its table through AuditMixin's NamedMixin: it has a table of its own")
	}
	for _, class := range []string{"TicketPlugin", "P0", "Other", "AuditMixin"} {
		if _, ok := own[class]; ok {
			t.Errorf("%s is no model", class)
		}
	}
	for path := range parsed {
		if strings.Contains(path, "/plugins/p") {
			t.Errorf("%s was parsed: it derives only from a plugin class", path)
		}
	}
	if !hasPath(parsed, "/plugins/kinds.py") || !hasPath(parsed, "/audit.py") {
		t.Error("the modules deriving from a name a model has, and from a mixin, were not read")
	}
}

// withBase adds to files an Alembic project whose env.py's target is the
// metadata of app.db's declarative base.
func withBase(files map[string]string) map[string]string {
	for _, name := range []string{"alembic.ini", "migrations/env.py", "app/db.py"} {
		files[name] = guessTree[name]
	}
	files["migrations/versions/a.py"], files["app/__init__.py"] = rev, ""
	return files
}

// readModels reads the setup of a project written from files: its models
// (class -> whether it has a table of its own) and the modules it parsed.
func readModels(t *testing.T, files map[string]string) (map[string]bool, Parsed) {
	t.Helper()
	l, err := Discover(anywhere(), writeTree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	setup, _, parsed, _ := ReadSetup(l)
	own := map[string]bool{}
	if setup.Models == nil {
		t.Fatal("no models found")
	}
	for _, b := range setup.Models.Bases {
		for _, m := range b.Models {
			own[m.Class] = m.OwnTable
		}
	}
	return own, parsed
}

func hasPath(parsed Parsed, suffix string) bool {
	for path := range parsed {
		if strings.HasSuffix(path, suffix) {
			return true
		}
	}
	return false
}

// TestModelsDoNotDependOnTheCores: the models found with the modules
// parsed ahead on several cores are those one core finds, the deepest
// class included.
func TestModelsDoNotDependOnTheCores(t *testing.T) {
	dir := writeTree(t, pluginTree())
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

// TestMayMatterOnCycles: classes whose bases go round in cycles (as a
// pull request may write) do not matter, unless one of each cycle derives
// from a model, and then all do; each search explores a class once, and
// what one search learnt spares the next: the n searches take some n
// steps, not n².
func TestMayMatterOnCycles(t *testing.T) {
	const n, cycle = 300, 10 // cycles of ten: shallower than baseOf follows
	for _, withModel := range []bool{false, true} {
		var src strings.Builder
		src.WriteString("from app.db import Base\n\nclass Model(Base):\n    __tablename__ = 'm'\n\n")
		for i := range n {
			first := i - i%cycle
			next := func(k int) int { return first + (i-first+k)%cycle }
			model := ""
			if withModel && i == first {
				model = ", Model"
			}
			fmt.Fprintf(&src, "class C%d(C%d, C%d, C%d%s):\n    pass\n\n", i, next(1), next(2), next(3), model)
		}
		tree := withBase(map[string]string{"app/cyc.py": src.String()})
		l, err := Discover(anywhere(), writeTree(t, tree))
		if err != nil {
			t.Fatal(err)
		}
		parser := python.NewParser()
		defer parser.Close()
		p := scanProject(parser, []string{l.Root}, l)
		ix := &modelIndex{p: p, bases: map[symbol]*baseInfo{}, classes: map[symbol]*python.Class{}, modOf: map[symbol]*moduleRef{}, groupOf: map[symbol]*baseInfo{}, matters: map[symbol]bool{}}
		ix.findBases(p.ref("app.db"))
		ref := p.ref("app.cyc")
		for i := range ref.mod.Classes {
			c := &ref.mod.Classes[i]
			ix.classes[symbol{"app.cyc", c.Name}], ix.modOf[symbol{"app.cyc", c.Name}] = c, ref
		}
		mattering := 0
		for i := range n {
			if ix.mayMatter(symbol{"app.cyc", fmt.Sprintf("C%d", i)}) {
				mattering++
			}
		}
		if want := map[bool]int{false: 0, true: n}[withModel]; mattering != want {
			t.Errorf("with a model in the cycle %v: %d of the %d classes matter, want %d", withModel, mattering, n, want)
		}
		if ix.steps > 4*n {
			t.Errorf("with a model in the cycle %v: %d steps for %d searches", withModel, ix.steps, n)
		}
	}
}

// TestRoundsFollowAliasesAndTheLastClass: a model whose base is imported
// under another name is found (its module is read for the name it
// aliases, not only when some other class of it happens to be known), and
// a class whose module defines it twice is judged by its last definition,
// the one Python binds and the rounds keep.
func TestRoundsFollowAliasesAndTheLastClass(t *testing.T) {
	tree := withBase(map[string]string{
		"app/plugin_model.py":     "from app.db import Base\n\nclass Plugin(Base):\n    __tablename__ = 'plugin'\n",
		"app/plugins/__init__.py": "",
		"app/plugins/base.py":     "class Plugin(object):\n    pass\n",
		"app/plugins/kinds.py":    "from app.plugins.base import Plugin\n\nclass TicketPlugin(Plugin):\n    pass\n",
		"app/hooks.py":            "from app.db import Base as B\nfrom app.plugins.kinds import TicketPlugin\n\nclass Order(B):\n    pass\n\nclass OrderHook(TicketPlugin):\n    pass\n",
		"app/aliased.py":          "from app.db import Base as DeclBase\n\nclass Invoice(DeclBase):\n    __tablename__ = 'invoice'\n",
		"app/a_c.py":              "from app.db import Base\nfrom app.p import P\n\nclass Other(Base):\n    pass\n\nclass C(P):\n    pass\n",
		"app/p.py":                "from app.db import Base\n\nclass P(object):\n    pass\n\nclass P(Base):\n    pass\n",
		"app/q.py":                "from app.p import P\n\nclass Q(P):\n    pass\n",
	})
	found, _ := readModels(t, tree)
	for _, class := range []string{"Order", "Invoice", "C", "Q"} {
		if _, ok := found[class]; !ok {
			t.Errorf("model %s not found: %v", class, found)
		}
	}
}

// TestWithAliased: the words gain the names their aliases stand for, each
// once, and nothing for the other uses of `as`.
func TestWithAliased(t *testing.T) {
	data := []byte("from app.db import Base as B, Other as O\nfrom app import (\n    Mixin as M,\n)\ntry:\n    pass\nexcept Exception as e:\n    pass\nclass A(B, M):\n    pass\nclass C(B):\n    pass\n" +
		strings.Repeat("with f() as x, g as B:\n", 1000))
	var got []string
	for _, w := range withAliased(classBaseWords(data), data) {
		got = append(got, string(w))
	}
	if want := []string{"B", "M", "B", "Base", "Mixin", "g"}; !reflect.DeepEqual(got, want) {
		t.Errorf("words %q, want %q", got, want)
	}
	if got := withAliased([][]byte{[]byte("Z")}, data); len(got) != 1 {
		t.Errorf("no alias of Z, but words %q", got)
	}
}

package alembic

import (
	"bytes"
	"sort"
	"strings"
	"unicode"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// modelWords are what a module defining a declarative base or a model
// contains; other modules are not parsed for models.
var modelWords = []string{"__tablename__", "__table__", "__abstract__", "declarative_base", "DeclarativeBase", "SQLAlchemy(", "generate_base", "as_declarative"}

// baseInfo is a declarative base while the models are being gathered.
type baseInfo struct {
	sym      symbol
	metadata symbol // the MetaData it uses: itself unless given one
	flask    bool   // Flask-SQLAlchemy's db.Model names tables itself
	out      *lint.DeclarativeBase
}

// modelIndex holds the bases and classes of the project's model modules.
type modelIndex struct {
	p       *projectModules
	bases   map[symbol]*baseInfo
	classes map[symbol]*python.Class
	modOf   map[symbol]*moduleRef
	groupOf map[symbol]*baseInfo // memo: class -> its base
	// matters memoizes mayMatter's answers; steps counts its work.
	matters map[symbol]bool
	steps   int
}

// declarativeModels finds the declarative bases on the import roots and
// their models, and marks the ones whose MetaData env.py's
// target_metadata is (owners are the X of each X.metadata). It returns
// nil when no owner is a base it could find.
func (p *projectModules) declarativeModels(env *python.Module, owners []string) *lint.Models {
	ix := &modelIndex{p: p, bases: map[symbol]*baseInfo{}, classes: map[symbol]*python.Class{}, modOf: map[symbol]*moduleRef{}, groupOf: map[symbol]*baseInfo{},
		matters: map[symbol]bool{}}
	var refs []*moduleRef
	for _, ref := range p.containing(modelWords...) {
		if !isTestModule(ref.path) {
			refs = append(refs, ref)
		}
	}
	for _, ref := range refs {
		ix.findBases(ref)
	}
	// Models whose base names their tables (a declared __tablename__)
	// carry none of the words: read the modules with a class statement
	// that derives from a base or from a class found so far that may
	// matter to a model (mayMatter), a few rounds deep (abstract bases in
	// between). The class statements' words decide before any parse.
	names := map[string]bool{}
	for _, owner := range owners {
		names[lint.LastSegment(owner)] = true
	}
	for s := range ix.bases {
		names[lint.LastSegment(s.name)] = true
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		seen[ref.name] = true
		for _, c := range ref.mod.Classes {
			names[c.Name] = true
		}
	}
	candidates := p.modelCandidates()
	// The modules a name brings in are parsed on every core before the
	// rounds reach the first of them (unread tells which: those the names
	// added so far bring in, not parsed yet). Names only grow, so the
	// rounds read each of them, this round or (when there is one) the
	// next. On Netflix/dispatch the first round's first model module
	// brings in 60 more. (This replaced a guess from the bytes of what
	// the rounds would read, which could not tell which classes matter.)
	derivers := map[string][]string{} // a word -> the modules whose class statements have it
	for _, name := range p.names {
		for _, w := range candidates[name] {
			if ws := derivers[string(w)]; len(ws) == 0 || ws[len(ws)-1] != name {
				derivers[string(w)] = append(ws, name)
			}
		}
	}
	unread := map[string]bool{}
	bringIn := func(word string) {
		for _, m := range derivers[word] {
			if !seen[m] && !p.isParsed(m) {
				unread[m] = true
			}
		}
	}
	for name := range names {
		bringIn(name)
	}
	parseUnread := func() {
		batch := make([]string, 0, len(unread))
		for _, name := range p.names {
			if unread[name] {
				batch = append(batch, name)
			}
		}
		clear(unread)
		p.parseAhead(batch)
	}
	for round := 0; round < 4; round++ {
		reads := func(name string) bool {
			bases, candidate := candidates[name]
			return candidate && !seen[name] && anyNamed(bases, names)
		}
		// The modules the names known at the round's start read.
		isAhead := map[string]bool{}
		for _, name := range p.names {
			if reads(name) {
				isAhead[name] = true
			}
		}
		added := false
		for _, name := range p.names {
			// Until a class is added the names are those isAhead was made
			// with, and the answer is the same: no need to search again.
			if added && !reads(name) || !added && !isAhead[name] {
				continue
			}
			if unread[name] {
				parseUnread()
			}
			seen[name] = true
			ref := p.ref(name)
			if isTestModule(ref.path) {
				continue
			}
			refs = append(refs, ref)
			for i := range ref.mod.Classes {
				c := &ref.mod.Classes[i]
				s := symbol{ref.name, c.Name}
				ix.classes[s], ix.modOf[s] = c, ref
			}
			for i := range ref.mod.Classes {
				c := &ref.mod.Classes[i]
				if !names[c.Name] && ix.mayMatter(symbol{ref.name, c.Name}) {
					names[c.Name], added = true, true
					bringIn(c.Name)
				}
			}
		}
		if !added {
			break
		}
	}
	for _, b := range ix.bases {
		b.metadata = ix.metadataOf(b, 0)
	}
	targets := map[symbol]bool{}
	for _, owner := range owners {
		s := p.resolve("", env, owner)
		if b, ok := ix.bases[s]; ok {
			targets[b.metadata] = true
		} else if b, ok := ix.bases[symbol{s.module, s.name + ".Model"}]; ok {
			targets[b.metadata] = true // target_metadata = db.metadata
		}
	}
	if len(targets) == 0 {
		return nil
	}
	for _, b := range ix.bases {
		b.out.InTarget = targets[b.metadata]
		b.out.Metadata = b.metadata.String()
	}
	for _, ref := range refs {
		for i := range ref.mod.Classes {
			c := &ref.mod.Classes[i]
			s := symbol{ref.name, c.Name}
			if _, isBase := ix.bases[s]; isBase {
				continue
			}
			base := ix.baseOf(s, 0)
			if base == nil {
				continue
			}
			model := lint.Model{Class: c.Name, Module: ref.name, File: ref.path, Span: c.Span}
			if v, ok := c.Attributes["__tablename__"]; ok {
				model.Table, _ = v.Value.Str()
			}
			model.OwnTable = ix.ownTable(s, base)
			model.ExtendExisting = mentionsKeyword(c.Attributes["__table_args__"].Value, "extend_existing")
			base.out.Models = append(base.out.Models, model)
		}
	}
	models := &lint.Models{}
	for _, b := range ix.bases {
		ix.markNamedInStrings(b.out)
		models.Bases = append(models.Bases, *b.out)
	}
	sort.Slice(models.Bases, func(i, j int) bool {
		a, b := models.Bases[i], models.Bases[j]
		return a.Module < b.Module || a.Module == b.Module && a.Name < b.Name
	})
	return models
}

// modelCandidates are the modules the rounds of declarativeModels may
// read (not a test, not a revision file: the modules search lists), each
// with the words among its class statements' bases (classBaseWords): the
// rounds ask of every module, several times a round, whether it derives
// from a name known so far, which scanning the bytes each time made 6 ms
// of a check on Netflix/dispatch (2.5 MB of modules; pprof of
// BenchmarkCheckTree). The words are found once, on every core.
func (p *projectModules) modelCandidates() map[string][][]byte {
	p.search()
	names := p.searchable
	words := make([][][]byte, len(names))
	onCores(len(names), 32, func(next func() (int, bool)) {
		for i, ok := next(); ok; i, ok = next() {
			words[i] = withAliased(classBaseWords(p.data[names[i]]), p.data[names[i]])
		}
	})
	out := make(map[string][][]byte, len(names))
	for i, name := range names {
		out[name] = words[i]
	}
	return out
}

// mayMatter reports whether a class the rounds read may matter to a
// model, so that the modules deriving from its name are worth reading:
// whether, following its bases as baseOf and ownTable do (through any
// class of the project, read by the rounds or not), it reaches a
// declarative base or a class that names a table or is abstract
// (__tablename__, __table__, __abstract__). Other classes cannot make
// what derives from them a model, nor change whether a model has a table
// of its own. On Netflix/dispatch they are the plugin classes: their base
// Plugin (dispatch/plugins/base/v1.py) shares its name with the model
// dispatch.plugin.models.Plugin, and the rounds read and parsed all 33
// plugin implementations for it.
//
// A class found to matter is remembered, and so are those a search that
// found nothing explored (had one of them mattered, so would the class
// searched from). Each search explores a class once, and past
// maxMatterSteps over all searches (cyclic bases a pull request wrote to
// make every search long) every class matters, as the rounds had it
// before this search.
func (ix *modelIndex) mayMatter(s symbol) bool {
	onPath := map[symbol]bool{}
	explored := map[symbol]bool{} // searched in this search, found not to matter
	var walk func(s symbol, depth int) bool
	walk = func(s symbol, depth int) bool {
		if m, ok := ix.matters[s]; ok {
			return m
		}
		if _, isBase := ix.bases[s]; isBase {
			return true
		}
		if onPath[s] || explored[s] {
			return false
		}
		ix.steps++
		if depth > 12 || ix.steps > maxMatterSteps {
			return true // deeper than baseOf follows, or too long a search: keep reading
		}
		c, ref := ix.classes[s], ix.modOf[s]
		if c == nil {
			if c, ref = ix.p.classOf(s); c == nil {
				explored[s] = true
				return false
			}
		}
		for _, attr := range []string{"__tablename__", "__table__", "__abstract__"} {
			if _, ok := c.Attributes[attr]; ok {
				ix.matters[s] = true
				return true
			}
		}
		onPath[s] = true
		for _, name := range c.Bases {
			if walk(ix.p.resolve(ref.name, ref.mod, name), depth+1) {
				ix.matters[s] = true
				return true
			}
		}
		delete(onPath, s)
		explored[s] = true
		return false
	}
	if walk(s, 0) {
		return true
	}
	for x := range explored {
		ix.matters[x] = false
	}
	return false
}

// maxMatterSteps bounds the classes mayMatter explores in one check.
const maxMatterSteps = 100_000

// withAliased adds to a module's class base words the names they alias:
// `from app.db import Base as B` and `class Order(B)` give B and Base, so
// that a module deriving from a known class under another name is read.
// Any `X as Y` in the bytes counts (an except clause's too), which can
// only add a word.
func withAliased(words [][]byte, data []byte) [][]byte {
	if len(words) == 0 || !bytes.Contains(data, []byte(" as ")) {
		return words
	}
	isWord := make(map[string]bool, len(words))
	for _, w := range words {
		isWord[string(w)] = true
	}
	isName := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
	}
	out := words
	added := map[string]bool{}
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte(" as "))
		if i < 0 {
			return out
		}
		i += at
		at = i + len(" as ")
		end := at
		for end < len(data) && isName(data[end]) {
			end++
		}
		// Only an alias that is one of the words is kept: a module has a
		// handful, and a file of a million `as` costs no more than its scan.
		if end == at || !isWord[string(data[at:end])] {
			continue
		}
		start := i
		for start > 0 && isName(data[start-1]) {
			start--
		}
		if original := data[start:i]; start < i && !added[string(original)] {
			added[string(original)] = true
			out = append(out, original)
		}
	}
}

// anyNamed reports whether one of the words is one of the names.
func anyNamed(words [][]byte, names map[string]bool) bool {
	for _, w := range words {
		if names[string(w)] {
			return true
		}
	}
	return false
}

// classBaseWords are the words between the parentheses of a module's
// class statements: `class Order(Base, TimestampMixin):` gives Base and
// TimestampMixin. It is a byte scan, which a regular expression over every
// module is too slow for, and it stops at a parenthesis that neither `)`
// nor `:` closes. A class statement whose parenthesis lies inside the
// bases already read (`class A( class B(...`, which a pull request can
// repeat thousands of times) adds none: its bases end at the same `)` or
// `:`, so its words are among those read, and each byte is read once.
func classBaseWords(data []byte) [][]byte {
	var out [][]byte
	read := 0 // the bases read so far end here
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("class "))
		if i < 0 {
			return out
		}
		start := at + i
		at = start + len("class ")
		if start > 0 && data[start-1] != '\n' && data[start-1] != ' ' && data[start-1] != '\t' {
			continue
		}
		open := bytes.IndexByte(data[at:min(len(data), at+200)], '(')
		if open < 0 || at+open < read {
			continue
		}
		rest := data[at+open+1:]
		end := bytes.IndexAny(rest, "):")
		if end < 0 {
			return out
		}
		read = at + open + 1 + end
		out = append(out, bytes.FieldsFunc(rest[:end], func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	}
}

// findBases records the declarative bases a module defines, and its
// classes.
func (ix *modelIndex) findBases(ref *moduleRef) {
	add := func(name string, span lint.Span, flask bool) *baseInfo {
		s := symbol{ref.name, name}
		b := &baseInfo{sym: s, flask: flask, out: &lint.DeclarativeBase{Name: name, Module: ref.name, File: ref.path, Span: span}}
		ix.bases[s] = b
		return b
	}
	for i := range ref.mod.Classes {
		c := &ref.mod.Classes[i]
		s := symbol{ref.name, c.Name}
		ix.classes[s], ix.modOf[s] = c, ref
		declarative := decoratedWith(ref.mod.Lines, c.Span.Line, "as_declarative")
		for _, b := range c.Bases {
			if last := lint.LastSegment(b); last == "DeclarativeBase" || last == "DeclarativeBaseNoMeta" {
				declarative = true
			}
		}
		if declarative {
			add(c.Name, c.Span, false)
		}
	}
	for name, a := range ref.mod.Assignments {
		if a.Value.Kind != lint.KindCall {
			continue
		}
		switch a.Value.CalleeName() {
		case "declarative_base", "generate_base":
			add(name, lint.LineSpan(a.Span.Line), false)
		case "SQLAlchemy":
			add(name+".Model", lint.LineSpan(a.Span.Line), true)
		}
	}
}

// decoratedWith reports whether the decorators above a class line name
// the decorator: @as_declarative(), @registry.as_declarative_base().
func decoratedWith(lines []string, classLine int, name string) bool {
	for i := min(classLine-2, len(lines)-1); i >= 0 && i >= classLine-5; i-- {
		line := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(line, "@") {
			return false
		}
		if strings.Contains(line, name) {
			return true
		}
	}
	return false
}

// metadataOf is the MetaData a base uses: declarative_base(metadata=X),
// a `metadata = X` class attribute, or its own.
func (ix *modelIndex) metadataOf(b *baseInfo, depth int) symbol {
	if b.flask {
		return symbol{b.sym.module, strings.TrimSuffix(b.sym.name, ".Model")}
	}
	ref := ix.p.ref(b.sym.module)
	var given lint.Value
	if a, ok := ref.mod.Assignments[b.sym.name]; ok {
		given, _ = a.Value.Keyword("metadata")
	} else if c, ok := ix.classes[b.sym]; ok {
		given = c.Attributes["metadata"].Value
	}
	if given.Kind != lint.KindName || depth > 4 {
		return b.sym
	}
	owner := strings.TrimSuffix(given.Text, ".metadata")
	s := ix.p.resolve(ref.name, ref.mod, owner)
	if other, ok := ix.bases[s]; ok && other != b {
		return ix.metadataOf(other, depth+1)
	}
	return s
}

// baseOf follows a class's bases, through abstract bases and other
// models, to its declarative base.
func (ix *modelIndex) baseOf(s symbol, depth int) *baseInfo {
	if b, ok := ix.groupOf[s]; ok {
		return b
	}
	c, ok := ix.classes[s]
	if !ok || depth > 12 {
		return nil
	}
	ix.groupOf[s] = nil // a cycle finds nothing
	ref := ix.modOf[s]
	var found *baseInfo
	for _, name := range c.Bases {
		bs := ix.p.resolve(ref.name, ref.mod, name)
		if b, ok := ix.bases[bs]; ok {
			found = b
			break
		}
		if b := ix.baseOf(bs, depth+1); b != nil {
			found = b
			break
		}
	}
	ix.groupOf[s] = found
	return found
}

// ownTable reports whether a class maps a table of its own: not abstract,
// and either naming a table (__tablename__, __table__, or a declared
// __tablename__ it inherits) with no mapped parent, as single-table
// inheritance has.
func (ix *modelIndex) ownTable(s symbol, base *baseInfo) bool {
	c := ix.classes[s]
	if c.Attributes["__abstract__"].Value.IsTrue() {
		return false
	}
	_, named := c.Attributes["__tablename__"]
	_, table := c.Attributes["__table__"]
	if named || table {
		return true
	}
	declared, mappedParent := false, false
	var walk func(s symbol, depth int)
	walk = func(s symbol, depth int) {
		c, ok := ix.classes[s]
		if !ok || depth > 12 {
			return
		}
		ref := ix.modOf[s]
		for _, name := range c.Bases {
			bs := ix.p.resolve(ref.name, ref.mod, name)
			parent, ok := ix.classes[bs]
			if !ok {
				continue
			}
			if tn, ok := parent.Attributes["__tablename__"]; ok {
				_, literal := tn.Value.Str()
				if literal && !parent.Attributes["__abstract__"].Value.IsTrue() {
					mappedParent = true
				} else {
					declared = true
				}
			}
			if _, isBase := ix.bases[bs]; !isBase {
				walk(bs, depth+1)
			}
		}
	}
	walk(s, 0)
	if mappedParent {
		return false
	}
	return declared || base.flask
}

// markNamedInStrings marks the models that relationship("Name") strings
// of the base's model modules refer to.
func (ix *modelIndex) markNamedInStrings(b *lint.DeclarativeBase) {
	named := map[string]bool{}
	done := map[string]bool{}
	for _, m := range b.Models {
		if done[m.Module] {
			continue
		}
		done[m.Module] = true
		for _, call := range ix.p.get(m.Module).Calls {
			if call.Name != "relationship" && call.Name != "relation" && call.Name != "backref" {
				continue
			}
			if len(call.Args) > 0 {
				if s, ok := call.Args[0].Str(); ok {
					first, _, _ := strings.Cut(s, ".")
					named[first] = true
				}
			}
		}
	}
	for i := range b.Models {
		b.Models[i].NamedInStrings = named[b.Models[i].Class]
	}
}

// mentionsKeyword looks for name=True anywhere in a value (a dict or a
// tuple ending in one).
func mentionsKeyword(v lint.Value, name string) bool {
	for _, k := range v.Keywords {
		if k.Name == name && k.Value.IsTrue() || mentionsKeyword(k.Value, name) {
			return true
		}
	}
	for _, a := range v.Args {
		if mentionsKeyword(a, name) {
			return true
		}
	}
	return false
}

// createAllCalls finds metadata.create_all() outside the history: in
// env.py, and at the application's start-up (import time, start-up hooks,
// app factories). Tests, setup commands (Alembic's cookbook recipe for a
// fresh database is create_all, then `alembic stamp head`) and functions
// that stamp right after are left out.
func (p *projectModules) createAllCalls(env *moduleRef, versionDirs []string) []lint.SourceCall {
	var out []lint.SourceCall
	check := func(ref *moduleRef) {
		if isTestModule(ref.path) || under(ref.path, versionDirs) {
			return
		}
		stamps := map[string]bool{}
		for _, c := range ref.mod.Calls {
			if strings.Contains(strings.ToLower(c.Name), "stamp") {
				stamps[c.Scope.Function] = true
			}
		}
		for _, c := range ref.mod.Calls {
			if c.Name != "create_all" || stamps[c.Scope.Function] || ref != env && !atStartUp(c.Scope.Function) {
				continue
			}
			receiver := strings.TrimSuffix(c.Callee, ".create_all")
			if !strings.HasSuffix(receiver, "metadata") && !strings.HasSuffix(receiver, "db") {
				continue
			}
			out = append(out, lint.SourceCall{File: ref.path, Span: c.Span, Callee: c.Callee})
		}
	}
	check(env)
	for _, ref := range p.containing("create_all(") {
		check(ref)
	}
	return out
}

// atStartUp reports whether a create_all() in the application runs when
// the application starts: at import time, or in a start-up hook or app
// factory. A function such as init_db() is a setup command, which the
// cookbook pairs with `alembic stamp head` (often in another script).
func atStartUp(function string) bool {
	if function == "" {
		return true
	}
	f := strings.ToLower(function)
	for _, hook := range []string{"startup", "lifespan", "create_app", "init_app", "on_start", "before_first_request"} {
		if strings.Contains(f, hook) {
			return true
		}
	}
	return false
}

// setsURLAnywhere reports whether some project module sets sqlalchemy.url
// on an Alembic Config: a CLI that runs Alembic itself.
func (p *projectModules) setsURLAnywhere() bool {
	for _, ref := range p.containing("sqlalchemy.url") {
		for _, c := range ref.mod.Calls {
			if c.Name != "set_main_option" && c.Name != "set_section_option" {
				continue
			}
			for _, a := range c.Args {
				if s, _ := a.Str(); s == "sqlalchemy.url" {
					return true
				}
			}
		}
	}
	return false
}

func under(path string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(path, strings.TrimSuffix(d, "/")+"/") {
			return true
		}
	}
	return false
}

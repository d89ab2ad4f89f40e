package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DowngradeNotInverse reports objects that upgrade creates and downgrade
// leaves behind, or that upgrade drops and downgrade does not restore.
var DowngradeNotInverse = &lint.Rule{
	ID: "ML503", Name: "downgrade-not-inverse", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "downgrade does not undo what upgrade did",
	Doc: lint.Doc{
		Problem: "A table, column, index or constraint created by upgrade is not removed by downgrade (or one " +
			"dropped by upgrade is not recreated): after a downgrade the schema is not what the older code expects, " +
			"and the next upgrade fails with \"already exists\".",
		Solution: "Make downgrade the exact inverse of upgrade, in reverse order.",
		Example: `
def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_index("ix_tags_id", "tags", ["id"])

def downgrade():
    op.drop_index("ix_tags_id", table_name="tags")
    op.drop_table("tags")
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		ops := p.Ops()
		for _, op := range ops.Downgrade {
			if op.NameIsNone && (op.Kind == lint.OpDropConstraint || op.Kind == lint.OpDropPrimaryKey) {
				p.Report(r, op.Span, fmt.Sprintf("downgrade drops a constraint of %s named None: Alembic cannot drop a constraint without a name, so the downgrade fails", target(op)),
					"give the constraint its real name (upgrade should create it with op.f(\"...\") or a naming convention), and drop it by that name")
			}
		}
		if !r.Downgrade.Defined || r.Downgrade.Empty || r.Downgrade.Irreversible || downgradeIsOpaque(ops.Downgrade, ops.DynamicSQL) {
			return
		}
		up := netEffect(ops.Upgrade, nil)
		down := netEffect(ops.Downgrade, up.names)
		for _, k := range up.order {
			op := *up.objects.op(k)
			shown := k.as(op)
			switch up.objects.state(k) {
			case created:
				if k.kind != lint.ObjectTable && up.tables[k.table] == created {
					continue // goes with its new table
				}
				if !down.removes(k, op) {
					p.Report(r, op.Span, fmt.Sprintf("%s is created by upgrade but downgrade does not remove it", shown),
						fmt.Sprintf("add the matching drop to downgrade(): %s", shown.inverse()))
				}
			case dropped:
				if k.kind != lint.ObjectTable && up.tables[k.table] == dropped {
					continue // went with its table
				}
				if !down.restores(k) {
					p.Report(r, op.Span, fmt.Sprintf("%s is dropped by upgrade but downgrade does not recreate it", shown),
						fmt.Sprintf("recreate it in downgrade(), or raise NotImplementedError if it cannot be: %s", shown.recreate()))
				}
			}
		}
	},
}

// objectKey names a schema object, in lower case.
type objectKey struct {
	kind        lint.ObjectKind
	table, name string
}

// as is the key with its table named as the op names it, for messages:
// keys name a table by what it was called before the upgrade.
func (k objectKey) as(op lint.Op) objectKey {
	if k.kind != lint.ObjectTable && op.Table != "" {
		k.table = strings.ToLower(op.Table)
	}
	return k
}

func (k objectKey) String() string {
	if k.kind == lint.ObjectColumn {
		return fmt.Sprintf("column %q.%q", k.table, k.name)
	}
	return fmt.Sprintf("%s %q", k.kind, k.name)
}

func (k objectKey) inverse() string {
	switch k.kind {
	case lint.ObjectTable:
		return fmt.Sprintf("op.drop_table(%q)", k.name)
	case lint.ObjectColumn:
		return fmt.Sprintf("op.drop_column(%q, %q)", k.table, k.name)
	case lint.ObjectIndex:
		return fmt.Sprintf("op.drop_index(%q, table_name=%q)", k.name, k.table)
	}
	return fmt.Sprintf("op.drop_constraint(%q, %q)", k.name, k.table)
}

func (k objectKey) recreate() string {
	switch k.kind {
	case lint.ObjectTable:
		return fmt.Sprintf("op.create_table(%q, ...)", k.name)
	case lint.ObjectColumn:
		return fmt.Sprintf("op.add_column(%q, sa.Column(%q, ...))", k.table, k.name)
	case lint.ObjectIndex:
		return fmt.Sprintf("op.create_index(%q, %q, [...])", k.name, k.table)
	}
	return fmt.Sprintf("op.create_..._constraint(%q, %q, ...)", k.name, k.table)
}

// objectState is what one direction did to an object, all ops counted:
// created (did not exist, exists after), dropped (existed, gone after),
// replaced (dropped and created again: exists before and after).
type objectState uint8

const (
	untouched objectState = iota
	created
	dropped
	replaced
)

// effect is one direction's net effect on the schema objects it names.
// Its maps are made when first written (reading a nil map is reading an
// empty one): most directions rename nothing and drop no column.
type effect struct {
	objects objectSet
	order   []objectKey
	// tables is the net state of each table created or dropped (renames
	// are not), droppedColumns are the columns it drops, by table.
	tables         map[string]objectState
	droppedColumns map[string]map[string]bool
	// names maps each table's name after the direction to its name before
	// the upgrade, which keys the objects on it: a column renamed on a
	// renamed table is the same column in both directions.
	names map[string]string
	// byName indexes state for find, once it is complete; probes counts
	// its lookups, the work find does (a test bounds it).
	byName map[nameIndexKey]*nameIndex
	probes int
}

// netEffect replays a direction's ops: a column added and dropped again is
// no change, an index dropped and re-created (an invalid leftover rebuilt)
// is a replacement, a rename is the old name dropped and the new created.
// names are the upgrade's table renames (nil when replaying the upgrade).
func netEffect(ops []lint.Op, names map[string]string) *effect {
	e := &effect{}
	if len(names) > 0 {
		e.names = make(map[string]string, len(names))
		for now, before := range names {
			e.names[now] = before
		}
	}
	// original is the name a table had before the upgrade.
	original := func(table string) string {
		t := strings.ToLower(table)
		if before, ok := e.names[t]; ok {
			return before
		}
		return t
	}
	var tableStates map[string]objectState
	create := func(k objectKey, op *lint.Op) {
		if k.name == "" {
			return
		}
		switch o := e.objects.at(k); o.state {
		case dropped:
			o.state = replaced
		case untouched:
			o.state = created
			e.order = append(e.order, k)
			o.op = op
		}
	}
	drop := func(k objectKey, op *lint.Op) {
		if k.name == "" {
			return
		}
		switch o := e.objects.at(k); o.state {
		case created:
			o.state = untouched // made and removed within the direction: no change
		case untouched, replaced:
			o.state = dropped
			if o.op == nil {
				e.order = append(e.order, k)
			}
			o.op = op
		}
	}
	key := func(kind lint.ObjectKind, table, name string) objectKey {
		if kind == lint.ObjectTable {
			return objectKey{kind, strings.ToLower(table), strings.ToLower(name)}
		}
		return objectKey{kind, original(table), strings.ToLower(name)}
	}
	// tableMade and tableGone record a real create_table or drop_table,
	// under the table's name before the upgrade.
	tableMade := func(table string) {
		t := original(table)
		if tableStates == nil {
			tableStates = map[string]objectState{}
		}
		if tableStates[t] == dropped {
			tableStates[t] = replaced
		} else if tableStates[t] == untouched {
			tableStates[t] = created
		}
	}
	tableGone := func(table string) {
		t := original(table)
		if tableStates == nil {
			tableStates = map[string]objectState{}
		}
		if tableStates[t] == created {
			delete(tableStates, t)
		} else {
			tableStates[t] = dropped
		}
	}
	for i := range ops {
		op := &ops[i]
		if op.Temporary {
			continue
		}
		switch op.Kind {
		case lint.OpCreateTable:
			create(key(lint.ObjectTable, op.Table, op.Table), op)
			tableMade(op.Table)
		case lint.OpDropTable:
			drop(key(lint.ObjectTable, op.Table, op.Table), op)
			tableGone(op.Table)
		case lint.OpRenameTable:
			drop(key(lint.ObjectTable, op.Table, op.Table), op)
			create(key(lint.ObjectTable, op.NewName, op.NewName), op)
			if op.Table != "" && op.NewName != "" {
				if e.names == nil {
					e.names = map[string]string{}
				}
				e.names[strings.ToLower(op.NewName)] = original(op.Table)
				delete(e.names, strings.ToLower(op.Table))
			}
		case lint.OpAddColumn:
			create(key(lint.ObjectColumn, op.Table, op.Column), op)
		case lint.OpDropColumn:
			drop(key(lint.ObjectColumn, op.Table, op.Column), op)
			t := original(op.Table)
			if e.droppedColumns == nil {
				e.droppedColumns = map[string]map[string]bool{}
			}
			if e.droppedColumns[t] == nil {
				e.droppedColumns[t] = map[string]bool{}
			}
			e.droppedColumns[t][strings.ToLower(op.Column)] = true
		case lint.OpAlterColumn:
			if op.NewName != "" {
				drop(key(lint.ObjectColumn, op.Table, op.Column), op)
				create(key(lint.ObjectColumn, op.Table, op.NewName), op)
			}
		case lint.OpCreateIndex:
			create(key(lint.ObjectIndex, op.Table, op.Name), op)
		case lint.OpDropIndex:
			drop(key(lint.ObjectIndex, op.Table, op.Name), op)
		case lint.OpCreateForeignKey, lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey:
			if !op.NameIsNone {
				create(key(lint.ObjectConstraint, op.Table, op.Name), op)
			}
		case lint.OpDropConstraint, lint.OpDropPrimaryKey:
			drop(key(lint.ObjectConstraint, op.Table, op.Name), op)
		}
	}
	e.tables = tableStates
	return e
}

// removes reports whether this direction (the downgrade) removes an
// object the other created: itself, with its table, with a column it is
// on, or under the name a naming convention gives it.
func (e *effect) removes(k objectKey, made lint.Op) bool {
	// Dropping a table takes its columns, indexes and constraints with it,
	// also when the downgrade creates the table again afterwards.
	if k.kind != lint.ObjectTable && (e.tables[k.table] == dropped || e.tables[k.table] == replaced) || e.tables[k.table] == dropped || e.find(k, dropped) {
		return true
	}
	if k.kind == lint.ObjectIndex || k.kind == lint.ObjectConstraint {
		for _, c := range made.Columns {
			if e.droppedColumns[k.table][strings.ToLower(c)] {
				return true
			}
		}
	}
	return false
}

// restores reports whether this direction (the downgrade) recreates an
// object the other dropped: itself, or a table it belongs to (whose
// create_table carries its columns, indexes and constraints inline).
func (e *effect) restores(k objectKey) bool {
	if k.kind != lint.ObjectTable && (e.tables[k.table] == created || e.tables[k.table] == replaced) {
		return true
	}
	return e.find(k, created) || e.find(k, replaced)
}

// find looks for the object in a state. Index and constraint names match
// without the table (drop_index may leave it out), and a name matches one
// that a naming convention built from it ("valid_title" and
// "ck_events_valid_title"). It looks names up in an index of the
// direction's objects, built once: comparing each object with every other
// is quadratic in a revision's operations. Names longer than any database
// allows (maxConventionName) match only exactly, which bounds the index.
func (e *effect) find(k objectKey, want objectState) bool {
	if len(e.objects.entries) <= linearObjects {
		return e.scan(k, want)
	}
	return e.indexed(k, want)
}

// scan is find for a direction of few objects, nearly every one: each
// object compared, as the index would match it, costs less than building
// the index (its maps were the rule's largest allocation on the corpus).
func (e *effect) scan(k objectKey, want objectState) bool {
	for _, o := range e.objects.entries {
		if o.state != want || o.key.kind != k.kind {
			continue
		}
		if !(k.kind == lint.ObjectIndex || k.kind == lint.ObjectConstraint && (k.table == "" || o.key.table == "") || o.key.table == k.table) {
			continue
		}
		name := o.key.name
		switch {
		case name == k.name:
			return true
		case len(k.name) > maxConventionName:
		case len(name) <= maxConventionName && conventionOf(name, k.name):
			return true
		case conventionOf(k.name, name):
			return true
		}
	}
	return false
}

// conventionOf reports whether name is built from base by a naming
// convention: it ends with "_" and base.
func conventionOf(name, base string) bool {
	return len(name) > len(base) && name[len(name)-len(base)-1] == '_' && strings.HasSuffix(name, base)
}

// indexed is find through the index of names.
func (e *effect) indexed(k objectKey, want objectState) bool {
	if e.byName == nil {
		e.indexNames()
	}
	idx := e.byName[nameIndexKey{k.kind, want}]
	if idx == nil {
		return false
	}
	// tables holds the tables of the objects of one name; an index
	// matches on any table, a constraint when either table is unknown.
	onTable := func(tables *tableSet) bool {
		e.probes++
		switch {
		case tables == nil:
			return false
		case k.kind == lint.ObjectIndex:
			return true
		case k.kind == lint.ObjectConstraint && (k.table == "" || tables.has("")):
			return true
		}
		return tables.has(k.table)
	}
	if onTable(idx.exact[k.name]) {
		return true
	}
	if len(k.name) > maxConventionName {
		return false
	}
	if onTable(idx.suffixes[k.name]) {
		return true
	}
	// k's name is a convention's name built from another's.
	for i := 0; i < len(k.name); i++ {
		if k.name[i] == '_' && onTable(idx.exact[k.name[i+1:]]) {
			return true
		}
	}
	return false
}

// maxConventionName bounds the names a naming convention's name is looked
// for in, in bytes: more than any database takes (PostgreSQL 63, MySQL 64,
// SQL Server and Oracle 128), so that no real name is affected, and few
// enough that indexing every "_"-suffix of a name stays cheap.
const maxConventionName = 255

// nameIndexKey selects the objects of one kind in one state.
type nameIndexKey struct {
	kind  lint.ObjectKind
	state objectState
}

// nameIndex finds objects by name: exact maps each name to the tables
// of the objects so named, each once; suffixes maps what follows each "_"
// in a name ("events_valid_title", "valid_title", "title" for
// "ck_events_valid_title") the same way.
type nameIndex struct {
	exact, suffixes map[string]*tableSet
}

// tableSet is the tables of the objects of one name. A name is nearly
// always on one table or a few, so they are a list, and a map only once
// there are more than linearTables (a revision that names thousands of
// objects alike must not make adding one cost a scan of the others): a
// map per name was most of the rule's time and memory on the corpus.
type tableSet struct {
	list []string
	set  map[string]bool
}

const linearTables = 8

func (t *tableSet) has(table string) bool {
	if t.set != nil {
		return t.set[table]
	}
	return slices.Contains(t.list, table)
}

func (t *tableSet) add(table string) {
	switch {
	case t.has(table):
	case t.set != nil:
		t.set[table] = true
	case len(t.list) < linearTables:
		t.list = append(t.list, table)
	default:
		t.set = make(map[string]bool, 2*len(t.list))
		for _, l := range t.list {
			t.set[l] = true
		}
		t.set[table] = true
		t.list = nil
	}
}

func (e *effect) indexNames() {
	e.byName = map[nameIndexKey]*nameIndex{}
	add := func(m map[string]*tableSet, name, table string) {
		tables := m[name]
		if tables == nil {
			tables = &tableSet{}
			m[name] = tables
		}
		tables.add(table)
	}
	for _, o := range e.objects.entries {
		k, s := o.key, o.state
		if s == untouched {
			continue // made and removed again
		}
		ik := nameIndexKey{k.kind, s}
		idx := e.byName[ik]
		if idx == nil {
			idx = &nameIndex{exact: map[string]*tableSet{}, suffixes: map[string]*tableSet{}}
			e.byName[ik] = idx
		}
		add(idx.exact, k.name, k.table)
		if len(k.name) > maxConventionName {
			continue
		}
		for i := 0; i < len(k.name); i++ {
			if k.name[i] == '_' {
				add(idx.suffixes, k.name[i+1:], k.table)
			}
		}
	}
}

// downgradeIsOpaque: when downgrade builds its SQL at run time, runs SQL
// the rules cannot map, or loops over something not known, its effect
// cannot be known statically.
func downgradeIsOpaque(ops []lint.Op, dynamic []lint.Call) bool {
	for _, c := range dynamic {
		if c.Scope.Direction == lint.DirectionDowngrade {
			return true
		}
	}
	for _, op := range ops {
		if op.Kind == lint.OpOtherDDL || op.Scope.Loop && op.Table == "" {
			return true
		}
	}
	return false
}

// objectSet is what a direction did to each object it names: its state
// (untouched again once made and removed) and the op that last created or
// dropped it. A direction names a handful of objects, so the set is a
// slice searched in order until it holds more than linearObjects, and
// indexed by a map from then on. Two maps made for each direction of every
// revision (of six then) were most of this rule's time on a long history:
// 65 ms of CPU for 5,000 generated revisions.
type objectSet struct {
	entries []objectEntry
	index   map[objectKey]int
}

type objectEntry struct {
	key   objectKey
	state objectState
	op    *lint.Op // into the revision's operations; nil until first created or dropped
}

// linearObjects is the size up to which a scan of the entries is cheaper
// than hashing two strings.
const linearObjects = 16

func (s *objectSet) lookup(k objectKey) (int, bool) {
	if s.index != nil {
		i, ok := s.index[k]
		return i, ok
	}
	for i := range s.entries {
		if s.entries[i].key == k {
			return i, true
		}
	}
	return 0, false
}

// at returns k's entry, added untouched when the set has none. The
// pointer is good until the next at.
func (s *objectSet) at(k objectKey) *objectEntry {
	if i, ok := s.lookup(k); ok {
		return &s.entries[i]
	}
	s.entries = append(s.entries, objectEntry{key: k})
	switch {
	case s.index != nil:
		s.index[k] = len(s.entries) - 1
	case len(s.entries) > linearObjects:
		s.index = make(map[objectKey]int, 2*len(s.entries))
		for i := range s.entries {
			s.index[s.entries[i].key] = i
		}
	}
	return &s.entries[len(s.entries)-1]
}

// state is what the direction did to k.
func (s *objectSet) state(k objectKey) objectState {
	if i, ok := s.lookup(k); ok {
		return s.entries[i].state
	}
	return untouched
}

// op is the op that last created or dropped k; nil when none did.
func (s *objectSet) op(k objectKey) *lint.Op {
	if i, ok := s.lookup(k); ok {
		return s.entries[i].op
	}
	return nil
}

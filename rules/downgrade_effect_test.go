package rules

import (
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// mapEffect is a direction's net effect as netEffect first computed it,
// with a map for each part: the reference the slice-backed objectSet is
// compared with.
type mapEffect struct {
	state          map[objectKey]objectState
	order          []objectKey
	op             map[objectKey]*lint.Op
	tables         map[string]objectState
	droppedColumns map[string]map[string]bool
	names          map[string]string
}

func netEffectWithMaps(ops []lint.Op, names map[string]string) *mapEffect {
	e := &mapEffect{state: map[objectKey]objectState{}, op: map[objectKey]*lint.Op{}, tables: map[string]objectState{}, droppedColumns: map[string]map[string]bool{}, names: map[string]string{}}
	maps.Copy(e.names, names)
	original := func(table string) string {
		t := strings.ToLower(table)
		if before, ok := e.names[t]; ok {
			return before
		}
		return t
	}
	create := func(k objectKey, op *lint.Op) {
		if k.name == "" {
			return
		}
		switch e.state[k] {
		case dropped:
			e.state[k] = replaced
		case untouched:
			e.state[k] = created
			e.order = append(e.order, k)
			e.op[k] = op
		}
	}
	drop := func(k objectKey, op *lint.Op) {
		if k.name == "" {
			return
		}
		switch e.state[k] {
		case created:
			delete(e.state, k)
		case untouched, replaced:
			e.state[k] = dropped
			if _, seen := e.op[k]; !seen {
				e.order = append(e.order, k)
			}
			e.op[k] = op
		}
	}
	key := func(kind lint.ObjectKind, table, name string) objectKey {
		if kind == lint.ObjectTable {
			return objectKey{kind, strings.ToLower(table), strings.ToLower(name)}
		}
		return objectKey{kind, original(table), strings.ToLower(name)}
	}
	tableMade := func(table string) {
		t := original(table)
		if e.tables[t] == dropped {
			e.tables[t] = replaced
		} else if e.tables[t] == untouched {
			e.tables[t] = created
		}
	}
	tableGone := func(table string) {
		t := original(table)
		if e.tables[t] == created {
			delete(e.tables, t)
		} else {
			e.tables[t] = dropped
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
				e.names[strings.ToLower(op.NewName)] = original(op.Table)
				delete(e.names, strings.ToLower(op.Table))
			}
		case lint.OpAddColumn:
			create(key(lint.ObjectColumn, op.Table, op.Column), op)
		case lint.OpDropColumn:
			drop(key(lint.ObjectColumn, op.Table, op.Column), op)
			t := original(op.Table)
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
	return e
}

// randomOps makes a direction of n ops over few tables and names, in
// mixed case, so that objects are made, dropped, renamed and made again.
func randomOps(rng *rand.Rand, n int) []lint.Op {
	kinds := []lint.OpKind{lint.OpCreateTable, lint.OpDropTable, lint.OpRenameTable, lint.OpAddColumn, lint.OpDropColumn,
		lint.OpAlterColumn, lint.OpCreateIndex, lint.OpDropIndex, lint.OpCreateForeignKey, lint.OpCreateCheckConstraint,
		lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey, lint.OpDropConstraint, lint.OpDropPrimaryKey, lint.OpUpdate}
	pick := func(words ...string) string { return words[rng.Intn(len(words))] }
	ops := make([]lint.Op, n)
	for i := range ops {
		ops[i] = lint.Op{
			Kind:       kinds[rng.Intn(len(kinds))],
			Table:      pick("t", "T", "u", "ck_t", ""),
			NewName:    pick("", "u", "v", "T"),
			Column:     pick("a", "A", "b", ""),
			Name:       pick("ix", "ck_t_ix", "IX", "fk", ""),
			Columns:    [][]string{nil, {"a"}, {"B", "c"}}[rng.Intn(3)],
			Temporary:  rng.Intn(10) == 0,
			NameIsNone: rng.Intn(10) == 0,
		}
	}
	return ops
}

// TestObjectSetAgreesWithMaps: on random directions, short and past
// linearObjects, the effect netEffect computes is the one the maps
// computed: the order, each object's state and op, the tables, the
// dropped columns and the renames; and the downgrade removes and
// restores what the map version's removes and restores said (they read
// only those parts, which the comparison above covers, so they are run on
// the new effect for the record of their answers staying put).
func TestObjectSetAgreesWithMaps(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for round := 0; round < 3000; round++ {
		n := rng.Intn(12)
		if round%10 == 0 {
			n = 20 + rng.Intn(60)
		}
		up, down := randomOps(rng, n), randomOps(rng, rng.Intn(12))
		gotUp, wantUp := netEffect(up, nil), netEffectWithMaps(up, nil)
		sameEffect(t, fmt.Sprintf("round %d upgrade", round), gotUp, wantUp)
		gotDown, wantDown := netEffect(down, gotUp.names), netEffectWithMaps(down, wantUp.names)
		sameEffect(t, fmt.Sprintf("round %d downgrade", round), gotDown, wantDown)
		if t.Failed() {
			return
		}
	}
}

func sameEffect(t *testing.T, what string, got *effect, want *mapEffect) {
	t.Helper()
	if !slices.Equal(got.order, want.order) {
		t.Errorf("%s: order %v, the maps said %v", what, got.order, want.order)
	}
	keys := map[objectKey]bool{}
	for _, o := range got.objects.entries {
		keys[o.key] = true
	}
	for k := range want.op {
		keys[k] = true
	}
	for k := range want.state {
		keys[k] = true
	}
	for k := range keys {
		if g, w := got.objects.state(k), want.state[k]; g != w {
			t.Errorf("%s: %v is %d, the maps said %d", what, k, g, w)
		}
		if g, w := got.objects.op(k), want.op[k]; g != w {
			t.Errorf("%s: %v's op %p, the maps said %p", what, k, g, w)
		}
	}
	if len(got.tables) != len(want.tables) || !maps.Equal(got.tables, want.tables) && len(want.tables) > 0 {
		t.Errorf("%s: tables %v, the maps said %v", what, got.tables, want.tables)
	}
	if len(got.droppedColumns) != len(want.droppedColumns) || !maps.EqualFunc(got.droppedColumns, want.droppedColumns, maps.Equal) && len(want.droppedColumns) > 0 {
		t.Errorf("%s: dropped columns %v, the maps said %v", what, got.droppedColumns, want.droppedColumns)
	}
	if len(got.names) != len(want.names) || !maps.Equal(got.names, want.names) && len(want.names) > 0 {
		t.Errorf("%s: names %v, the maps said %v", what, got.names, want.names)
	}
}

package rules

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// linearFind is effect.find as first written: every object compared.
func linearFind(e *effect, k objectKey, want objectState) bool {
	for _, o := range e.objects.entries {
		other, s := o.key, o.state
		if s != want || other.kind != k.kind {
			continue
		}
		sameTable := other.table == k.table || k.kind == lint.ObjectIndex || k.kind == lint.ObjectConstraint && (other.table == "" || k.table == "")
		if sameTable && (other.name == k.name || strings.HasSuffix(other.name, "_"+k.name) || strings.HasSuffix(k.name, "_"+other.name)) {
			return true
		}
	}
	return false
}

// TestFindAgrees: the indexed find, and the scan that serves few objects,
// answer as the comparison of every object did, on random names made of few letters and underscores (so
// that names, tables and suffixes collide often).
func TestFindAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	word := func(max int) string {
		var b strings.Builder
		for n := rng.Intn(max + 1); n > 0; n-- {
			b.WriteByte("ab_"[rng.Intn(3)])
		}
		return b.String()
	}
	kinds := []lint.ObjectKind{lint.ObjectTable, lint.ObjectColumn, lint.ObjectIndex, lint.ObjectConstraint}
	states := []objectState{created, dropped, replaced}
	for round := 0; round < 300; round++ {
		e := &effect{}
		for i := rng.Intn(30); i > 0; i-- {
			e.objects.at(objectKey{kinds[rng.Intn(len(kinds))], word(2), word(7)}).state = states[rng.Intn(len(states))]
		}
		for i := 0; i < 50; i++ {
			k := objectKey{kinds[rng.Intn(len(kinds))], word(2), word(7)}
			want := states[rng.Intn(len(states))]
			was := linearFind(e, k, want)
			if got := e.indexed(k, want); got != was {
				t.Fatalf("indexed(%+v, %d) = %v, the comparison of every object says %v; objects %v", k, want, got, was, e.objects.entries)
			}
			if got := e.scan(k, want); got != was {
				t.Fatalf("scan(%+v, %d) = %v, the comparison of every object says %v; objects %v", k, want, got, was, e.objects.entries)
			}
		}
	}
}

// TestDowngradeCheckIsLinear: a revision whose upgrade adds 20,000
// columns and whose downgrade drops 20,000 others asks the index a
// bounded number of questions per column: it used to compare each
// column with every dropped one (400 million comparisons).
func TestDowngradeCheckIsLinear(t *testing.T) {
	const n = 20000
	var up, down []lint.Op
	for i := range n {
		up = append(up, lint.Op{Kind: lint.OpAddColumn, Table: "t", Column: fmt.Sprintf("c%d", i)})
		down = append(down, lint.Op{Kind: lint.OpDropColumn, Table: "t", Column: fmt.Sprintf("other_c%d_x", i)})
	}
	upEffect := netEffect(up, nil)
	downEffect := netEffect(down, upEffect.names)
	for _, k := range upEffect.order {
		downEffect.removes(k, *upEffect.objects.op(k))
	}
	// One exact lookup, one suffix lookup, one per "_" of the name.
	if downEffect.probes > 3*n {
		t.Errorf("%d lookups for %d columns", downEffect.probes, n)
	}
}

// TestTableSet: the tables of a name answer as a map would, through the
// list and after it turns into a map, with "" (no table) among them.
func TestTableSet(t *testing.T) {
	var set tableSet
	want := map[string]bool{}
	for i := range 3 * linearTables {
		table := fmt.Sprintf("t%d", i%(2*linearTables))
		if i == 5 {
			table = ""
		}
		set.add(table)
		want[table] = true
		for j := -1; j < 2*linearTables+1; j++ {
			probe := fmt.Sprintf("t%d", j)
			if j == -1 {
				probe = ""
			}
			if set.has(probe) != want[probe] {
				t.Fatalf("after %d adds: has(%q) = %v, want %v", i+1, probe, set.has(probe), want[probe])
			}
		}
	}
	if set.set == nil {
		t.Errorf("%d tables and still a list", len(want))
	}
}

// TestFindLongNames: past maxConventionName, names match only exactly,
// in the scan as in the index.
func TestFindLongNames(t *testing.T) {
	long := strings.Repeat("a", maxConventionName)
	cases := []struct {
		object, asked string
		want          bool
	}{
		{"ck_" + long + "_x", "x", false},
		{"b", long + "_b", false},
		{long + "_b", long + "_b", true},
		{"ck_t_b", "b", true},
		{"b", "ck_t_b", true},
	}
	for _, c := range cases {
		e := &effect{}
		e.objects.at(objectKey{lint.ObjectIndex, "t", c.object}).state = dropped
		k := objectKey{lint.ObjectIndex, "t", c.asked}
		if got := e.scan(k, dropped); got != c.want {
			t.Errorf("scan: %q asked as %q: %v, want %v", c.object, c.asked, got, c.want)
		}
		if got := e.indexed(k, dropped); got != c.want {
			t.Errorf("indexed: %q asked as %q: %v, want %v", c.object, c.asked, got, c.want)
		}
	}
}

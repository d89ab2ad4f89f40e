package lint

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// sortDiagnosticsTestData: findings with many ties on every key (told
// apart by their help), as a large check has.
func sortDiagnosticsTestData(n int) []Diagnostic {
	rng := rand.New(rand.NewPCG(1, 2))
	ds := make([]Diagnostic, n)
	for i := range ds {
		ds[i] = Diagnostic{
			Rule: fmt.Sprintf("ML%d", 200+rng.IntN(5)), File: fmt.Sprintf("/p/versions/%03d.py", rng.IntN(n/8+1)),
			Span: Span{Line: rng.IntN(40), Column: rng.IntN(3)}, Message: fmt.Sprintf("message %d", rng.IntN(3)),
			Help: fmt.Sprint(i),
		}
	}
	return ds
}

// TestSortDiagnosticsIsStable: the same order as a stable sort of the
// findings themselves.
func TestSortDiagnosticsIsStable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 17, 1000} {
		got := sortDiagnosticsTestData(n)
		want := make([]Diagnostic, len(got))
		copy(want, got)
		sort.SliceStable(want, func(i, j int) bool { return compareDiagnostics(&want[i], &want[j]) < 0 })
		SortDiagnostics(got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d findings: the order differs from a stable sort", n)
		}
	}
}

// BenchmarkSortDiagnostics: the findings of a full check of the corpus
// (some 5,000 before the repeats are capped).
func BenchmarkSortDiagnostics(b *testing.B) {
	data := sortDiagnosticsTestData(5000)
	ds := make([]Diagnostic, len(data))
	for b.Loop() {
		copy(ds, data)
		SortDiagnostics(ds)
	}
}

package load

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestScanCreatesIsLinear: the byte scan of a revision with thousands of
// create_table, rename_table and Table(...).create() calls allocates in
// proportion to the file: each call used to copy the rest of the file.
// It still finds every table.
func TestScanCreatesIsLinear(t *testing.T) {
	source := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "    op.create_table(\"t%d\", sa.Column(\"id\", sa.Integer()))\n    op.rename_table(\"t%d\", \"r%d\")\n    sa.Table(\"s%d\", meta).create(bind)\n", i, i, i, i)
		}
		return []byte(b.String())
	}
	allocated := func(data []byte) (uint64, map[string]bool) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := scanCreates(data)
		runtime.ReadMemStats(&after)
		found := map[string]bool{}
		for _, name := range c.tables {
			found[name] = true
		}
		return after.TotalAlloc - before.TotalAlloc, found
	}
	small, _ := allocated(source(2000))
	large, found := allocated(source(4000))
	if ratio := float64(large) / float64(small); ratio > 2.5 {
		t.Errorf("2,000 calls allocate %d bytes, 4,000 calls %d: %.2fx", small, large, ratio)
	}
	for _, name := range []string{"t0", "r3999", "s3999"} {
		if !found[name] {
			t.Errorf("%s not found as created", name)
		}
	}
}

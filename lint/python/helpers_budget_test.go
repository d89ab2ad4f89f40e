package python

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// helperChain is a revision whose helper h<i> calls h<i-1> twice: walked
// at each call, n levels are 2^n walks of h0.
func helperChain(n int) []byte {
	var b strings.Builder
	b.WriteString("revision = \"a1\"\ndown_revision = None\n\ndef h0():\n    op.add_column('t', sa.Column('c', sa.Integer()))\n\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "def h%d():\n    h%d()\n    h%d()\n\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "def upgrade():\n    h%d()\n\ndef downgrade():\n    pass\n", n-1)
	return []byte(b.String())
}

// TestHelperWalksAreBounded: helpers that call each other are walked at
// most maxInlined bytes' worth per file: 30 or 60 levels of helpers
// calling the next twice (a billion walks and more) cost the same bounded
// work, and the file is reported as not analysed. A helper called for
// each of 300 tables is still walked at every call.
func TestHelperWalksAreBounded(t *testing.T) {
	p := NewParser()
	defer p.Close()
	allocated := func(src []byte) (uint64, string) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rev := p.ParseRevision("x.py", src)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, rev.Unanalysed
	}
	small, why := allocated(helperChain(30))
	large, _ := allocated(helperChain(60))
	if !strings.Contains(why, "helper functions") {
		t.Errorf("30 levels of helpers: unanalysed %q", why)
	}
	if ratio := float64(large) / float64(small); ratio > 2.5 || large > 1<<30 {
		t.Errorf("30 levels allocate %d bytes, 60 levels %d: %.2fx", small, large, ratio)
	}

	var b strings.Builder
	b.WriteString("revision = \"a1\"\ndown_revision = None\n\ndef audit(table):\n    op.add_column(table, sa.Column('created_at', sa.DateTime()))\n    op.add_column(table, sa.Column('updated_at', sa.DateTime()))\n\ndef upgrade():\n")
	for i := range 300 {
		fmt.Fprintf(&b, "    audit('t%d')\n", i)
	}
	b.WriteString("\ndef downgrade():\n    pass\n")
	rev := p.ParseRevision("x.py", []byte(b.String()))
	adds := 0
	for _, c := range rev.Calls {
		if c.Name == "add_column" {
			adds++
		}
	}
	if rev.Unanalysed != "" || adds != 600 {
		t.Errorf("a helper called for 300 tables: %d add_column calls, unanalysed %q", adds, rev.Unanalysed)
	}
}

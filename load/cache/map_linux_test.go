package cache

import (
	"bytes"
	"os"
	"testing"
)

// TestRejectedPackIsUnmapped: a pack that does not index (damaged, or of
// another format) is unmapped again, so that opening it over and over in
// one process does not pile up mappings.
func TestRejectedPackIsUnmapped(t *testing.T) {
	c, err := Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	l := c.Lookup("/p", "postgresql")
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(l.path, bytes.Repeat([]byte("not a pack "), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	mappings := func() int {
		maps, err := os.ReadFile("/proc/self/maps")
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Count(maps, []byte(l.path))
	}
	for range 50 {
		c.Lookup("/p", "postgresql")
	}
	if n := mappings(); n != 0 {
		t.Errorf("%d mappings of a rejected pack left after 50 opens", n)
	}
}

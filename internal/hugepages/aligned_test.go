package hugepages

import (
	"testing"
	"unsafe"
)

func TestAligned(t *testing.T) {
	buf := make([]byte, 9<<20)
	base := uintptr(unsafe.Pointer(&buf[0]))
	for _, c := range []struct{ from, to int }{
		{0, len(buf)}, {1, len(buf)}, {4096, 6 << 20}, {0, 1 << 20}, {100, 100}, {0, 0},
	} {
		b := buf[c.from:c.to]
		got := aligned(b)
		if len(got) == 0 {
			if len(b) >= 2*hugePage {
				t.Errorf("[%d:%d]: nothing aligned in %d bytes", c.from, c.to, len(b))
			}
			continue
		}
		start := uintptr(unsafe.Pointer(&got[0]))
		end := start + uintptr(len(got))
		if start%hugePage != 0 || end%hugePage != 0 {
			t.Errorf("[%d:%d]: %#x-%#x is not on huge-page boundaries", c.from, c.to, start-base, end-base)
		}
		if start < base+uintptr(c.from) || end > base+uintptr(c.to) {
			t.Errorf("[%d:%d]: %#x-%#x reaches outside the slice", c.from, c.to, start-base, end-base)
		}
		if uintptr(len(b)) >= 2*hugePage && len(got) < len(b)-2*hugePage {
			t.Errorf("[%d:%d]: only %d of %d bytes advised", c.from, c.to, len(got), len(b))
		}
	}
}

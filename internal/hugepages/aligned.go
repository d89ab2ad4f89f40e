package hugepages

import "unsafe"

// aligned is the part of b that starts and ends on huge-page boundaries
// (madvise needs a page-aligned start; a huge page is used only where a
// whole aligned 2 MiB lies inside the range).
func aligned(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	const mask = hugePage - 1
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (base + mask) &^ mask
	end := (base + uintptr(len(b))) &^ mask
	if end <= start {
		return nil
	}
	return b[start-base : end-base]
}

package hugepages

import (
	"runtime"
	"syscall"
	"unsafe"
)

// Reserve has the runtime map size bytes of heap, advises them to be
// backed by huge pages and leaves them to the collector to free. It
// reports whether the kernel took the advice (false where transparent
// huge pages are not built in).
func Reserve(size int) bool {
	_, _, ok := reserve(size)
	return ok
}

// reserve is Reserve; it also returns the advised addresses [start, end).
func reserve(size int) (start, end uintptr, ok bool) {
	region := make([]byte, size)
	advised := aligned(region)
	if len(advised) == 0 {
		return 0, 0, false
	}
	err := syscall.Madvise(advised, syscall.MADV_HUGEPAGE)
	start = uintptr(unsafe.Pointer(unsafe.SliceData(advised)))
	runtime.KeepAlive(region)
	return start, start + uintptr(len(advised)), err == nil
}

//go:build !linux

package hugepages

// Reserve does nothing where madvise's MADV_HUGEPAGE does not exist.
func Reserve(size int) bool { return false }

//go:build linux && (amd64 || arm64 || riscv64 || ppc64le || ppc64 || s390x || loong64 || mips64 || mips64le)

package files

import "syscall"

// adviseWillNeed asks the kernel to start reading the first n bytes of
// fd (posix_fadvise POSIX_FADV_WILLNEED). Only a hint: a file whose pages
// cannot be asked for is still read. On these architectures the offset and
// length are one argument each.
func adviseWillNeed(fd int, n int64) {
	const willNeed = 3 // POSIX_FADV_WILLNEED
	_, _, _ = syscall.Syscall6(syscall.SYS_FADVISE64, uintptr(fd), 0, uintptr(n), willNeed, 0, 0)
}

//go:build linux && !(amd64 || arm64 || riscv64 || ppc64le || ppc64 || s390x || loong64 || mips64 || mips64le)

package files

// adviseWillNeed does nothing on 32-bit Linux, where the system call
// splits its 64-bit arguments differently on each architecture: the files
// are read without the hint.
func adviseWillNeed(fd int, n int64) {}

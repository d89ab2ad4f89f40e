package hugepages

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// Both tests look at a heap in a process of its own (this test binary run
// again): what Reserve does depends on what the heap held before, and a
// test process's heap holds the other tests'.
const childEnv = "HUGEPAGES_CHILD"

// TestReserveAdvisesTheHeap: after Reserve and the collection that frees
// the region, a large allocation reuses the region, and the memory there
// is advised for huge pages (its mapping's VmFlags in /proc/self/smaps say
// "hg").
func TestReserveAdvisesTheHeap(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		if Reserve(8 << 20) {
			t.Fatal("Reserve says the advice was taken on a kernel without transparent huge pages")
		}
		t.Skip("this kernel has no transparent huge pages")
	}
	flags := inChild(t, "reserve")
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Fatalf("a heap allocation after Reserve is in a mapping with VmFlags %q, without hg (huge pages advised)", flags)
	}
}

// TestHeapWithoutReserveIsNotAdvised shows that the test above can fail:
// the runtime itself does not advise the heap.
func TestHeapWithoutReserveIsNotAdvised(t *testing.T) {
	if flags := inChild(t, "plain"); strings.Contains(" "+flags+" ", " hg ") {
		t.Fatalf("a fresh heap is already advised for huge pages (VmFlags %q): Reserve's test proves nothing here", flags)
	}
}

// TestChild is the child process of the tests above; it does nothing
// when run as a test.
func TestChild(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		return
	}
	start, end := uintptr(0), ^uintptr(0)
	if mode == "reserve" {
		var ok bool
		if start, end, ok = reserve(64 << 20); !ok {
			t.Fatal("madvise(MADV_HUGEPAGE) was refused on a kernel with transparent huge pages")
		}
	}
	runtime.GC() // what the allocation's own collection does in a run
	// The freed region is reused: a large allocation overlaps it (it may
	// begin in free pages just below it); look at the middle of the overlap.
	b := make([]byte, 48<<20)
	base := uintptr(unsafe.Pointer(&b[0]))
	lo, hi := max(base, start), min(base+uintptr(len(b)), end)
	if hi < lo+16<<20 {
		t.Fatalf("a 48 MiB allocation after Reserve at %#x overlaps the advised %#x-%#x by less than 16 MiB", base, start, end)
	}
	at := &b[lo+(hi-lo)/2-base]
	*at = 1
	flags, err := vmFlags(uintptr(unsafe.Pointer(at)))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("flags=%s\n", flags)
	runtime.KeepAlive(b)
}

// inChild runs TestChild in a new process and returns the VmFlags it saw.
func inChild(t *testing.T, mode string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child process failed: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if flags, ok := strings.CutPrefix(line, "flags="); ok {
			return flags
		}
	}
	t.Fatalf("no flags in the child's output:\n%s", out)
	return ""
}

// vmFlags returns the VmFlags line of the mapping in /proc/self/smaps
// that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	inside := false
	for s.Scan() {
		line := s.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 && strings.Contains(strings.Fields(line)[0], "-") {
			inside = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && inside {
			return strings.TrimSpace(flags), nil
		}
	}
	if err := s.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping in /proc/self/smaps holds %#x", addr)
}

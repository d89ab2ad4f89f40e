// Package hugepages asks the kernel to back the Go heap with transparent
// huge pages.
//
// Why: a check is a short run that allocates tens of megabytes into a
// fresh heap, and every 4 KiB page of it is first touched through a page
// fault. Where a fault is dear, as on virtual machines, those faults are
// most of the run: on the development VM a fault costs about 10 µs, and a
// warm check of 1,607 revision files took 20,000 of them (200 of its
// 270 ms). One fault on a 2 MiB huge page maps 512 pages at once.
//
// How: the runtime maps heap memory as the heap grows and offers no way
// to advise it, so Reserve makes the runtime map a region by allocating
// it, advises the region (madvise MADV_HUGEPAGE, honoured where
// /sys/kernel/mm/transparent_hugepage/enabled says "madvise" or "always";
// a no-op where it says "never" and on other systems), and lets it go.
// The allocation is larger than the collector's first goal, so it starts
// a collection that frees the region within milliseconds; the heap's
// later allocations then reuse it first (the runtime's page allocator
// takes the lowest free address). The advice belongs to the mapping, so
// it outlives the runtime returning pages to the system. Pages never
// touched cost nothing, but a huge page touched anywhere counts whole:
// the peak RSS of a check of 5,000 revisions rose from about 120 to
// 134 MB.
package hugepages

// hugePage is the size of a huge page on x86-64 and arm64 with 4 KiB base
// pages; the kernel uses huge pages only for whole aligned 2 MiB spans.
const hugePage = 2 << 20

package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// tuneMemory sets the collector for a short run that allocates quickly
// and then exits. The first collection comes at 76 MB (every 20x growth,
// GOGC=1900), which a check of a project of a few hundred revisions and
// its application's modules never reaches, nor a warm check of the 1,607
// files of the corpus tree (62 MB); after the first collection of a real
// heap, every 3x growth (GOGC=200), so that a large project's heap grows
// into few pages it has not touched yet: on a virtual machine each such
// page costs a page fault, a large part of a run. A soft memory limit
// keeps large projects small too. GOGC and GOMEMLIMIT, when set, win.
//
// Measured side by side (13 to 21 rounds) against 5x from the start (the
// setting until December 2026, whose first collection came at 16 MB):
// a cold check of Netflix/dispatch 103 -> 95 ms, indico/indico 116 -> 110,
// pypi/warehouse 94 -> 85, the corpus tree 237 -> 225, 5,000 generated
// revisions 454 -> 401 ms (2,551 page faults instead of 3,355; peak RSS
// 138 MB against 135); warm checks the same within noise. After the first
// collection, 4x (GOGC=300) and 5x left the 5,000 revisions at 483 and 519
// ms (4,800 page faults), 3x at 395. 3.5x was the setting until ML503 came
// to allocate less (December 2026); then, side by side (21 rounds), 3x took
// the 5,000 revisions from 333 to 305 ms (interquartile 298-394 against
// 290-336) with a median peak RSS of 132 MB against 138, the corpus tree
// the same within noise. The first collection came at 40 MB (GOGC=1000)
// until then; at 76 MB, side by side (21 rounds), the warm check of the
// corpus tree has no collection and took 110 ms instead of 128 (its cold
// check 221 against 224), 5,000 revisions cold 326 against 312 ms and
// warm 195 against 199 (peak RSS 144 MB against 139). At 92 MB (2300)
// the peak of 5,000 revisions reached 146 MB. Measured again without the
// huge-page heap (below), each run after 3 s idle, 5 rounds: a first
// collection at 36 MB (GOGC=900) or 16 MB (400), the later pace
// unchanged, made the corpus tree's cold check 243 -> 264 and 281 ms, its
// warm one 112 -> 142 and 133 ms, 5,000 revisions 373 -> 395 and 403 ms.
// The 3x pace was not measured again then.
//
// The limit is 120 MiB: 5,000 revisions (a live heap of some 55 MB) reach
// it; at 110 MiB their check had 9 MB less peak RSS but was up to a fifth
// slower, collecting more often, and at 100 MiB it collected all the
// time.
//
// The heap is not backed by transparent huge pages any more (until
// December 2026 the commands that read a project reserved 128 MiB of heap
// advised MADV_HUGEPAGE). Measured back to back, one run right after
// another, huge pages paid: a fault maps 2 MiB instead of 4 KiB, and the
// corpus tree's cold check took 182 ms against 207 without. But a user's
// run seldom follows another within a second, and once the machine has
// been idle for a second or more it is the other way round on the
// development VM, whose kernel reports free memory to its host (free page
// reporting, as balloon-driven VMs do), and system time tripled. The
// likely reason, not proven: huge pages are carved from large free
// blocks, which the host has mostly taken back, so each costs the host a
// fault on all of its 2 MiB, while 4 KiB pages come from the kernel's
// recently freed ones. Only a run right
// after another reuses that one's huge pages at once. Each run after 3 s
// idle, 5 rounds, with against without: the corpus tree cold 430 -> 316
// ms and warm 217 -> 111, 5,000 revisions 592 -> 412, indico 123 -> 98,
// a pull request's check of 300 revisions 35 -> 31, the bundled example
// 18 -> 13, graph on 5,000 revisions 244 -> 150.
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(1900)
		afterCollectionOf(realHeap, func() { debug.SetGCPercent(200) })
	}
}

// realHeap is the live heap above which a collection is a real heap's: a
// collection that leaves less (a forced one, as in tests, or one at 76 MB
// of mostly garbage) says nothing of a large heap, and re-arms the
// sentinel instead of switching the collector to its later pace.
const realHeap = 8 << 20

// afterCollectionOf calls then once a collection has left a live heap of
// at least live bytes. A finalizer tells when a collection has run; it
// arms a new one after the collections that leave less.
func afterCollectionOf(live uint64, then func()) {
	sentinel := &struct{ _ [32]byte }{} // not a tiny allocation, whose finalizer may never run
	runtime.SetFinalizer(sentinel, func(*struct{ _ [32]byte }) {
		if liveHeap() < live {
			afterCollectionOf(live, then)
			return
		}
		then()
	})
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return ^uint64(0) // unknown: as after a real heap's collection
	}
	return sample[0].Value.Uint64()
}

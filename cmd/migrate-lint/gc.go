package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/migrate-lint/migrate-lint/internal/heapstart"
	"github.com/migrate-lint/migrate-lint/internal/hugepages"
)

// tuneMemory sets the collector for a short run that allocates quickly
// and then exits. The first collection comes at 76 MB (every 20x growth,
// GOGC=1900), which a check of a project of a few hundred revisions and
// its application's modules never reaches, nor a warm check of the 1,607
// files of the corpus tree (62 MB); after the first collection
// of a real heap, every 3x growth (GOGC=200), which keeps a large
// project's heap inside the 128 MB that package heapstart advised (its
// page faults beyond are what a larger heap costs, a large part of a
// run). A soft memory limit keeps large projects small too. GOGC and
// GOMEMLIMIT, when set, win.
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
// the peak of 5,000 revisions reached 146 MB.
//
// The limit is 120 MiB: 5,000 revisions (a live heap of some 55 MB) reach
// it; at 110 MiB their check had 9 MB less peak RSS but was up to a fifth
// slower, collecting more often, and at 100 MiB it collected all the
// time.
//
// The commands that read a project also have their heap backed by huge
// pages (package heapstart, during the packages' initialisation, which
// also makes the first collection, of the reservation): on the
// development VM that cut a warm check of the corpus from 20,000 page
// faults to 2,000 and its time by half, and a cold one by a third. The
// others (version, rules, explain) allocate little and start faster
// without; so does graph on a small project, which it reads only the
// metadata of (hugePagesForLargeTree reserves for a large one).
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(1900)
		afterCollectionOf(realHeap, func() { debug.SetGCPercent(200) })
	}
}

// hugePagesForLargeTree has graph reserve the huge-page heap, as
// heapstart does for check, once its walk has found a large tree. graph
// allocates little for a small project, where the reservation costs more
// than it saves, and much for a large one. Side by side (11 to 15
// rounds), without and with it: 5,000 generated revisions 202 -> 142 ms
// (10,124 -> 2,562 page faults), the corpus tree's 1,607 files 101 ->
// 87 ms, 1,000 generated revisions 55.9 -> 54.5 ms, 301 of them 32.6 ->
// 35.6 ms.
func hugePagesForLargeTree(files int) {
	if files >= graphHugePagesFrom {
		hugepages.Reserve(heapstart.Reserve)
	}
}

// graphHugePagesFrom is the number of revision files from which graph
// reserves the huge-page heap: about where the measurements above break
// even.
const graphHugePagesFrom = 1000

// realHeap is the live heap above which a collection is a real heap's,
// not one of a small run, such as the one that frees heapstart's
// reservation should it finish after main has started (they leave a
// megabyte or two).
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

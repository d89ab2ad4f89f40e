package main

import (
	"os"
	"runtime/debug"
)

// tuneGC sets the collector for a short run that allocates quickly and
// then exits: a collection every 5x growth of the live heap instead of
// every 2x (the collector was a quarter of a check's instructions),
// bounded by a soft memory limit (110 MiB: with 5,000 revisions, whose
// live heap is some 70 MB, 100 MiB made the collector run all the time)
// so that large projects stay small.
// GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(110 << 20)
	}
}

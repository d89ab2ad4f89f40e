package alembic

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// onCores runs work on up to GOMAXPROCS goroutines (one per perWorker
// items at least: a goroutine costs more than reading a few files) and
// waits for them. Each takes the indexes of the n items from next until
// it says none is left, so that a slow item does not hold up the others;
// work is where a goroutine keeps its own state (a parser).
func onCores(n, perWorker int, work func(next func() (int, bool))) {
	var counter atomic.Int64
	next := func() (int, bool) {
		i := int(counter.Add(1)) - 1
		return i, i < n
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, n/perWorker)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(next)
		}()
	}
	wg.Wait()
}

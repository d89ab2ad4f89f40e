package load

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/ops"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/alembic"
	"github.com/migrate-lint/migrate-lint/load/cache"
	"github.com/migrate-lint/migrate-lint/load/settings"
)

// scanAll reads every file's revision metadata with the fast scanner, on
// every core. It stops early when ctx is cancelled.
func scanAll(ctx context.Context, files []alembic.File) ([]*lint.Revision, error) {
	revs := make([]*lint.Revision, len(files))
	parallel(len(files), 64, func(i int) {
		if i%256 == 0 && ctx.Err() != nil {
			return
		}
		revs[i] = python.ScanRevision(files[i].Path, files[i].Data)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return revs, nil
}

// tooLarge is why a file longer than alembic.MaxFileSize is not analysed.
var tooLarge = fmt.Sprintf("it is larger than the %d MiB a revision file may have", alembic.MaxFileSize>>20)

// parallel calls f(0..n-1) on every core, in chunks of at least min
// items (goroutines cost more than scanning a few files).
func parallel(n, min int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n < 2*min {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for start := 0; start < n; start += chunk {
		end := start + chunk
		if end > n {
			end = n
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := start; i < end; i++ {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// restricted reports whether the request lints only some revisions, which
// are chosen from the graph of every file's metadata before any full
// parse; otherwise every file is parsed in full and never scanned.
func restricted(req Request, s *settings.File) bool {
	return req.MetadataOnly || req.Base != "" || req.ChangedFiles != nil || len(s.Exclude) > 0 || s.Baseline != ""
}

// parseAll parses the files in full where full says so (all of them when
// full is nil) and lowers them
// into operations for the dialect, on every core; the other files keep
// the revision scanned already. Full extractions come from the cache when
// it has them, and go into it otherwise. Large files go first, so that
// no core is left with a big file at the end. It stops early when ctx is
// cancelled. It returns how many files came from the cache, and the byte
// scans of the history (scanCreates) of the files it handled, which the
// cache keeps with their revisions.
func parseAll(ctx context.Context, files []alembic.File, scanned []*lint.Revision, full map[string]bool, dialect lint.Dialect, lookup *cache.Lookup) ([]*lint.Revision, []*created, int, error) {
	revs := make([]*lint.Revision, len(files))
	scans := make([]*created, len(files))
	var todo []int
	for i, f := range files {
		if full != nil && !full[f.Path] {
			revs[i] = scanned[i]
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return revs, scans, 0, nil
	}
	sort.SliceStable(todo, func(a, b int) bool { return len(files[todo[a]].Data) > len(files[todo[b]].Data) })
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/4))
	var wg sync.WaitGroup
	var hits atomic.Int64
	next := make(chan int, len(todo))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p *python.Parser
			defer func() {
				if p != nil {
					p.Close()
				}
			}()
			for i := range next {
				f := files[i]
				if f.Truncated {
					revs[i] = python.UnanalysedRevision(f.Path, f.Data, tooLarge)
					continue
				}
				if rev, extra, ok := lookup.Get(f.Path, f.Data); ok {
					revs[i] = rev
					scans[i] = &created{tables: extra.CreatedTables, opaque: extra.Opaque}
					hits.Add(1)
					continue
				}
				if p == nil {
					p = python.NewParser()
				}
				rev := p.ParseRevision(f.Path, f.Data)
				rev.Ops = ops.Lower(rev, dialect)
				// Nothing reads the calls once they are lowered (the ops
				// keep what rules need of them): let them go, and keep
				// them out of the cache, whose warm runs decoded them for
				// nothing.
				rev.Calls = nil
				scan := scanCreates(f.Data)
				lookup.Put(f.Path, f.Data, rev, cache.Extra{CreatedTables: scan.tables, Opaque: scan.opaque})
				revs[i], scans[i] = rev, &scan
			}
		}()
	}
	var err error
feed:
	for _, i := range todo {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		// A pack that cannot be written only makes the next run slower.
		_ = lookup.Save()
	}
	return revs, scans, int(hits.Load()), err
}

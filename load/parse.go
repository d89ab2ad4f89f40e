package load

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/ops"
	"github.com/migrate-lint/migrate-lint/lint/python"
	"github.com/migrate-lint/migrate-lint/load/alembic"
)

// scanAll reads every file's revision metadata with the fast scanner. It
// stops early when ctx is cancelled.
func scanAll(ctx context.Context, files []alembic.File) ([]*lint.Revision, error) {
	revs := make([]*lint.Revision, len(files))
	for i, f := range files {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		revs[i] = python.ScanRevision(f.Path, f.Data)
	}
	return revs, nil
}

// tooLarge is why a file longer than alembic.MaxFileSize is not analysed.
var tooLarge = fmt.Sprintf("it is larger than the %d MiB a revision file may have", alembic.MaxFileSize>>20)

// parseAll parses the files in full where full says so, and lowers them
// into operations for the dialect, on every core; the others are scanned.
// It stops early when ctx is cancelled.
func parseAll(ctx context.Context, files []alembic.File, full map[string]bool, dialect lint.Dialect) ([]*lint.Revision, error) {
	revs := make([]*lint.Revision, len(files))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(files)/8))
	var wg sync.WaitGroup
	next := make(chan int)
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
				if !full[f.Path] {
					revs[i] = python.ScanRevision(f.Path, f.Data)
					continue
				}
				if p == nil {
					p = python.NewParser()
				}
				rev := p.ParseRevision(f.Path, f.Data)
				rev.Ops = ops.Lower(rev, dialect)
				revs[i] = rev
			}
		}()
	}
	var err error
feed:
	for i := range files {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return revs, err
}

package lint

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestRunStopsWhenCancelled: once the context is done (Ctrl-C), each core
// finishes the revision it is on (the rules run per revision, on every
// core) and runs no rule on another; the run returns no findings.
func TestRunStopsWhenCancelled(t *testing.T) {
	var revs []*Revision
	for i := range 1000 {
		revs = append(revs, &Revision{File: fmt.Sprintf("/p/r%04d.py", i), ID: fmt.Sprint(i), HasID: true})
	}
	p := NewProject("/p", revs)
	ctx, cancel := context.WithCancel(context.Background())
	var calls, after atomic.Int64
	counting := &Rule{ID: "ML401", Name: "counting", Title: "counts", Severity: SeverityError, Run: func(pass *Pass) {
		if ctx.Err() != nil {
			after.Add(1)
		}
		if calls.Add(1) == 10 {
			cancel()
		}
		pass.Report(pass.Revision, LineSpan(1), "x", "")
	}}
	// The second rule runs on a revision after the first: on the revision
	// that cancelled, and at most on the one each other core is on.
	var second atomic.Int64
	later := &Rule{ID: "ML402", Name: "later", Title: "runs after", Severity: SeverityError, Run: func(*Pass) {
		if ctx.Err() != nil {
			second.Add(1)
		}
	}}
	reg, _ := NewRegistry(counting, later)
	found, err := RunContext(ctx, p, reg, &Config{}, nil)
	procs := int64(runtime.GOMAXPROCS(0))
	if !errors.Is(err, context.Canceled) || found != nil || calls.Load() > 10+procs {
		t.Errorf("err %v, %d findings, %d calls", err, len(found), calls.Load())
	}
	if after.Load() > procs-1 || second.Load() > procs {
		t.Errorf("after the cancellation: %d calls of the first rule, %d of the second, on %d cores", after.Load(), second.Load(), procs)
	}
}

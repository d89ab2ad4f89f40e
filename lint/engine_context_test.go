package lint

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestRunStopsWhenCancelled: once the context is done (Ctrl-C), the run
// stops between rules and revisions and returns no findings.
func TestRunStopsWhenCancelled(t *testing.T) {
	var revs []*Revision
	for i := range 1000 {
		revs = append(revs, &Revision{File: fmt.Sprintf("/p/r%04d.py", i), ID: fmt.Sprint(i), HasID: true})
	}
	p := NewProject("/p", revs)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	counting := &Rule{ID: "ML401", Name: "counting", Title: "counts", Severity: SeverityError, Run: func(pass *Pass) {
		if calls++; calls == 10 {
			cancel()
		}
		pass.Report(pass.Revision, LineSpan(1), "x", "")
	}}
	reg, _ := NewRegistry(counting, &Rule{ID: "ML402", Name: "never", Title: "never runs", Severity: SeverityError, Run: func(*Pass) { t.Error("ran after the cancellation") }})
	found, err := RunContext(ctx, p, reg, &Config{}, nil)
	if !errors.Is(err, context.Canceled) || found != nil || calls > 256 {
		t.Errorf("err %v, %d findings, %d calls", err, len(found), calls)
	}
}

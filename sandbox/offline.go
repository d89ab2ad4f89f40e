package sandbox

import (
	"context"
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// offline renders the revision's upgrade as `alembic upgrade
// PARENT:REVISION --sql` does, with no database behind it. A revision that
// reads from the database (results, inspection) fails there, and teams
// that hand offline SQL to a DBA cannot use it: ML609.
func (s *stairway) offline(ctx context.Context, rev *lint.Revision, rr *RevisionResult) error {
	r, err := s.drv.call(ctx, map[string]any{"cmd": "offline", "target": rev.ID, "parents": rev.DownRevisions}, s.o.StepTimeout)
	rr.OfflineMs = r.Ms
	if s.o.Progress != nil {
		status := "ok"
		if err != nil {
			status = err.Error()
		} else if !r.OK {
			status = "failed"
		}
		fmt.Fprintf(s.o.Progress, "sandbox: upgrade --sql %s: %s (%.0f ms)\n", rev.ID, status, r.Ms)
	}
	if err != nil {
		// The driver was stopped (timeout, interrupt): start over.
		s.report(rev, lint.OfflineSQLID, at(rev.Upgrade.Span), fmt.Sprintf("upgrade --sql (offline mode): %s", err), "")
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return s.fresh(ctx)
	}
	if r.OK {
		return nil
	}
	e := r.Error
	if s.envError(e) {
		s.envFailure(lint.OfflineSQLID, e)
		return nil
	}
	span := at(rev.Upgrade.Span)
	if e.File != "" && samePath(e.File, rev.File) && e.Line > 0 {
		span = lint.LineSpan(e.Line)
	}
	msg := fmt.Sprintf("upgrade --sql (offline mode) fails: %s (%s)", e.reason(), e.Type)
	help := "offline mode renders SQL without a connection, so nothing can be read from the database: run that code only online (`if not context.is_offline_mode():`), or write it as SQL that needs no results"
	if e.Code != "" {
		help = fmt.Sprintf("%s (line %d: `%s`)", help, e.Line, e.Code)
	}
	s.report(rev, lint.OfflineSQLID, span, msg, help)
	return nil
}

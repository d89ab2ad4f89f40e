package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Options say what to run and where.
type Options struct {
	Project *lint.Project
	// Targets are the revisions under test; they run in topological order.
	Targets []*lint.Revision
	// Dialect is the project's configured dialect; DialectAssumed when
	// nothing named it. The sandbox runs on the database's own dialect
	// and refuses a project configured for another one.
	Dialect        lint.Dialect
	DialectAssumed bool
	// DatabaseURL selects an existing server; otherwise a container of
	// Image (default per dialect) is started.
	DatabaseURL string
	Image       string
	Python      string
	StepTimeout time.Duration
	// URLEnv names the environment variables that carry the URL to env.py.
	URLEnv []string
	// Dir is where the driver runs (the directory of alembic.ini).
	Dir              string
	ConfigFile       string
	TOMLFile         string
	ScriptLocation   string
	VersionLocations []string
	// Progress receives one line per step, for people watching.
	Progress io.Writer
}

// Result is what the sandbox measured.
type Result struct {
	Provider       string
	ContainerReady time.Duration
	Revisions      []RevisionResult
	Diagnostics    []lint.Diagnostic
}

// RevisionResult is one revision's run.
type RevisionResult struct {
	Revision    string
	File        string
	Status      string // ok, or the step that failed
	UpgradeMs   float64
	DowngradeMs float64
	ReupgradeMs float64
	Locks       []Lock
	Rewrites    []Rewrite
}

// Run starts a provider, runs the stairway and always cleans up: the
// database and any container are removed on success, failure, timeout and
// cancellation.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.Python == "" {
		o.Python = "python3"
	}
	if o.StepTimeout == 0 {
		o.StepTimeout = 5 * time.Minute
	}
	if len(o.URLEnv) == 0 {
		o.URLEnv = []string{"DATABASE_URL"}
	}
	dialect, err := databaseDialect(o)
	if err != nil {
		return nil, err
	}
	var provider Provider
	if o.DatabaseURL != "" {
		provider, err = NewServerProvider(ctx, o.DatabaseURL)
	} else {
		provider, err = NewContainerProvider(ctx, dialect, o.Image)
	}
	if err != nil {
		return nil, err
	}
	defer provider.Close(context.WithoutCancel(ctx))
	res := &Result{Provider: provider.Describe()}
	if c, ok := provider.(*containerProvider); ok {
		res.ContainerReady = c.Ready()
	}
	s := &stairway{o: o, dialect: dialect, admin: provider.Admin(), res: res}
	err = s.run(ctx)
	// A database that cannot be dropped is the user's to remove: say so.
	if derr := s.teardown(context.WithoutCancel(ctx)); derr != nil {
		err = errors.Join(err, derr)
	}
	return res, err
}

// databaseDialect is the dialect of the database the sandbox will run on:
// the URL's, or the image's (default: the project's). A project configured
// for another dialect is refused: its catalog and SQL would be read with
// the wrong dialect's rules.
func databaseDialect(o Options) (lint.Dialect, error) {
	var d lint.Dialect
	source := ""
	switch {
	case o.DatabaseURL != "":
		u, err := parseURL(o.DatabaseURL)
		if err != nil {
			return "", err
		}
		d, source = u.Dialect(), "--database-url"
	case o.Image != "":
		d, source = ImageDialect(o.Image), "--image "+o.Image
	}
	if d == "" {
		d = o.Dialect
	}
	switch {
	case d == lint.SQLite || d == "":
		return "", fmt.Errorf("the sandbox runs on PostgreSQL, MySQL or MariaDB; this project's dialect is %s (pass --dialect, or a --database-url of one of those)", o.Dialect.Title())
	case !o.DialectAssumed && o.Dialect != "" && d.Family() != o.Dialect.Family():
		return "", fmt.Errorf("the project targets %s; %s is %s: give the sandbox a %s database, or correct the project's dialect", o.Dialect.Title(), source, d.Title(), o.Dialect.Title())
	}
	return d, nil
}

type stairway struct {
	o       Options
	dialect lint.Dialect
	admin   dbURL
	res     *Result
	db      *database
	conn    *sql.DB
	drv     *driver
	applied map[string]bool
}

// fresh replaces the database and the driver: after any failure the next
// revision starts from a clean database, so one failure hides nothing.
func (s *stairway) fresh(ctx context.Context) error {
	if err := s.teardown(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	db, err := createDatabase(ctx, s.admin)
	if err != nil {
		return err
	}
	s.db = db
	if s.conn, err = openDB(ctx, db.url); err != nil {
		return err
	}
	s.drv, err = startDriver(ctx, s.o.Python, s.o.Dir, driverSettings{
		URL: db.url.SQLAlchemy(), URLEnv: s.o.URLEnv, ConfigFile: s.o.ConfigFile, TOMLFile: s.o.TOMLFile,
		ScriptLocation: s.o.ScriptLocation, VersionLocations: s.o.VersionLocations,
	})
	if err != nil {
		return errors.New(scrub(err.Error(), s.admin.Password()))
	}
	s.applied = map[string]bool{}
	return nil
}

// teardown stops the driver and drops the database, if any. A failed drop
// is returned, never ignored: it leaves a database on the user's server.
func (s *stairway) teardown(ctx context.Context) error {
	if s.drv != nil {
		s.drv.close()
		s.drv = nil
	}
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
	if s.db == nil {
		return nil
	}
	db := s.db
	s.db = nil
	if err := dropDatabase(ctx, s.admin, db); err != nil {
		return fmt.Errorf("the sandbox database %s could not be removed; drop it by hand: %w", db.name, err)
	}
	return nil
}

func (s *stairway) run(ctx context.Context) error {
	targets := map[*lint.Revision]bool{}
	for _, t := range s.o.Targets {
		targets[t] = true
	}
	g := s.o.Project.Graph
	needFresh := true
	for _, node := range g.Topological() {
		rev := s.o.Project.RevisionAt(node)
		if !targets[rev] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		if needFresh {
			if err := s.fresh(ctx); err != nil {
				return err
			}
		}
		ok, err := s.test(ctx, node, rev)
		if err != nil {
			return err
		}
		needFresh = !ok
	}
	return nil
}

// test runs one revision: parents, snapshot, up, down, snapshot, up. It
// returns false when the database must be rebuilt before the next one.
func (s *stairway) test(ctx context.Context, node int, rev *lint.Revision) (bool, error) {
	rr := RevisionResult{Revision: rev.ID, File: rev.File, Status: "ok"}
	defer func() { s.res.Revisions = append(s.res.Revisions, rr) }()
	for _, parent := range rev.DownRevisions {
		if s.applied[parent] {
			continue
		}
		r, err := s.step(ctx, "upgrade", parent, false)
		if err != nil || !r.OK {
			rr.Status = "parent-failed"
			s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, fmt.Sprintf("cannot test: upgrading to its parent %q failed", parent), r, err)
			return false, ctx.Err()
		}
		s.markApplied(parent)
	}
	before, err := snapshot(ctx, s.conn, s.dialect)
	if err != nil {
		return false, err
	}
	up, err := s.step(ctx, "upgrade", rev.ID, true)
	rr.UpgradeMs = up.Ms
	if err != nil || !up.OK {
		rr.Status = "upgrade-failed"
		s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, "upgrade failed", up, err)
		return false, ctx.Err()
	}
	s.markApplied(rev.ID)
	rr.Locks, rr.Rewrites = up.Locks, up.Rewrites
	s.reportEffects(rev, up)
	down, err := s.step(ctx, "downgrade", rev.ID, false)
	rr.DowngradeMs = down.Ms
	if err != nil || !down.OK {
		rr.Status = "downgrade-failed"
		s.fail(rev, lint.DowngradeFailedID, rev.Downgrade.Span, "downgrade failed", down, err)
		return false, ctx.Err()
	}
	delete(s.applied, rev.ID)
	after, err := snapshot(ctx, s.conn, s.dialect)
	if err != nil {
		return false, err
	}
	differences := diff(before, after)
	const maxDifferences = 10
	for i, d := range differences {
		if i == maxDifferences {
			s.report(rev, lint.DowngradeLeavesTraceID, rev.Downgrade.Span, fmt.Sprintf("and %d more differences after downgrade", len(differences)-maxDifferences), "")
			break
		}
		s.report(rev, lint.DowngradeLeavesTraceID, at(rev.Downgrade.Span), d, "make downgrade() undo exactly what upgrade() does")
	}
	if len(differences) > 0 {
		rr.Status = "downgrade-leaves-trace"
	}
	reup, err := s.step(ctx, "upgrade", rev.ID, false)
	rr.ReupgradeMs = reup.Ms
	if err != nil || !reup.OK {
		rr.Status = "reupgrade-failed"
		s.fail(rev, lint.ReupgradeFailedID, rev.Upgrade.Span, "upgrade after downgrade failed", reup, err)
		return false, ctx.Err()
	}
	s.markApplied(rev.ID)
	return len(differences) == 0, nil
}

func (s *stairway) step(ctx context.Context, cmd, target string, measure bool) (stepReply, error) {
	r, err := s.drv.step(ctx, cmd, target, measure, s.o.StepTimeout)
	if s.o.Progress != nil {
		status := "ok"
		if err != nil {
			status = err.Error()
		} else if !r.OK {
			status = "failed"
		}
		fmt.Fprintf(s.o.Progress, "sandbox: %s %s: %s (%.0f ms)\n", cmd, target, status, r.Ms)
	}
	return r, err
}

// markApplied records a revision and its ancestors as applied.
func (s *stairway) markApplied(id string) {
	g := s.o.Project.Graph
	node, ok := g.Lookup(id)
	if !ok {
		return
	}
	s.applied[id] = true
	for i, anc := range g.Ancestors(node) {
		if anc {
			s.applied[g.Nodes[i].ID] = true
		}
	}
}

// fail turns a failed or timed-out step into its diagnostic.
func (s *stairway) fail(rev *lint.Revision, id string, span lint.Span, what string, r stepReply, err error) {
	if errors.Is(err, errStepTimeout) {
		s.report(rev, lint.SandboxTimeoutID, at(span), fmt.Sprintf("%s: the step ran longer than %s and was stopped", what, s.o.StepTimeout),
			"look for a statement that waits on a lock or scans a large table; raise --timeout if the step is legitimately slow")
		return
	}
	if err != nil {
		s.report(rev, id, at(span), fmt.Sprintf("%s: %s", what, scrub(err.Error(), s.admin.Password())), "")
		return
	}
	e := r.Error
	if e == nil {
		e = &StepError{Message: "unknown error"}
	}
	msg := what + ": " + e.Message
	switch {
	case e.SQLState != "":
		msg += " (SQLSTATE " + e.SQLState + ")"
	case e.Errno != 0:
		msg += fmt.Sprintf(" (errno %d)", e.Errno)
	}
	if e.Statement != "" {
		msg += " in: " + e.Statement
	}
	if e.File != "" && samePath(e.File, rev.File) && e.Line > 0 {
		span = lint.LineSpan(e.Line)
	} else if e.File != "" && e.Line > 0 {
		msg += fmt.Sprintf(" (at %s:%d)", e.File, e.Line)
	}
	help := "run it against a copy of production data and fix the failing statement"
	if e.Code != "" {
		help = fmt.Sprintf("fix `%s` (line %d), then try the revision on a copy of production data", e.Code, e.Line)
	} else if e.Statement == "" && e.Traceback != "" {
		help = e.Traceback
	}
	s.report(rev, id, at(span), scrub(msg, s.admin.Password()), scrub(help, s.admin.Password()))
}

// reportEffects turns measured locks and rewrites into ML606 and ML605.
func (s *stairway) reportEffects(rev *lint.Revision, up stepReply) {
	for _, rw := range up.Rewrites {
		s.report(rev, lint.TableRewriteID, at(rev.Upgrade.Span),
			fmt.Sprintf("upgrade rewrote existing table %q (its storage was replaced) in: %s", rw.Table, rw.Statement),
			"avoid the rewrite: add columns without volatile defaults, change types in steps (new column, backfill, swap)")
	}
	for _, l := range up.Locks {
		s.report(rev, lint.ExclusiveLockID, at(rev.Upgrade.Span),
			fmt.Sprintf("upgrade held ACCESS EXCLUSIVE on existing table %q from: %s", l.Table, l.Statement),
			"keep the lock short: set lock_timeout, and split long operations (NOT VALID then VALIDATE, CONCURRENTLY)")
	}
}

func (s *stairway) report(rev *lint.Revision, id string, span lint.Span, message, help string) {
	s.res.Diagnostics = append(s.res.Diagnostics, lint.Diagnostic{
		Rule: id, File: rev.File, Span: span, Revision: rev.ID, Message: message, Help: help,
	})
}

func at(span lint.Span) lint.Span {
	if span.IsZero() {
		return lint.LineSpan(1)
	}
	return lint.Span{Line: span.Line, Column: span.Column, EndLine: span.Line, EndColumn: span.Column}
}

func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

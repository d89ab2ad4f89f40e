package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
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
	// Dir is where the driver runs (the directory of alembic.ini), as the
	// alembic command is run from there.
	Dir string
	// ConfigFile is alembic.ini: Alembic reads script_location and the
	// version locations from it itself, as its command line does.
	// Without one, ScriptLocation and VersionLocations name them.
	ConfigFile       string
	TOMLFile         string
	ScriptLocation   string
	VersionLocations []string
	// NoRows leaves the existing tables empty; by default each gets
	// generated rows before a revision under test is upgraded.
	NoRows bool
	// Seed is the project's seed hook, run once per sandbox database
	// before the rows are generated: a .sql file, or a .py file that
	// defines seed(connection).
	Seed string
	// Models compares the database at the heads with env.py's
	// target_metadata, as `alembic check` does (ML608).
	Models bool
	// OfflineSQL renders each revision under test as `alembic upgrade
	// --sql` does (ML609).
	OfflineSQL bool
	// Progress receives one line per step, for people watching.
	Progress io.Writer
}

// Result is what the sandbox measured.
type Result struct {
	Provider       string
	ContainerReady time.Duration
	Revisions      []RevisionResult
	Diagnostics    []lint.Diagnostic
	// Notices are said once on stderr: what was not checked, and why.
	Notices []string
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
	// Rows is how many generated rows went into existing tables just
	// before the upgrade, in RowsMs; Skipped are the tables left empty.
	Rows    int
	RowsMs  float64
	Skipped []SkippedTable
	// OfflineMs is the time of `upgrade --sql`, when it ran.
	OfflineMs float64
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
	if o.Seed != "" {
		if ext := filepath.Ext(o.Seed); ext != ".sql" && ext != ".py" {
			return nil, fmt.Errorf("[sandbox] seed %s: the hook is a .sql file or a .py file that defines seed(connection)", o.Seed)
		}
		if _, err := os.Stat(o.Seed); err != nil {
			return nil, fmt.Errorf("[sandbox] seed: %w", err)
		}
	}
	// The interpreter is checked while the engine is looked for: both
	// before a container starts.
	pyErr := make(chan error, 1)
	go func() { pyErr <- checkPython(ctx, o.Python, o.Dir) }()
	var provider Provider
	if o.DatabaseURL != "" {
		if err := <-pyErr; err != nil {
			return nil, err
		}
		provider, err = NewServerProvider(ctx, o.DatabaseURL)
	} else {
		if _, err := findDocker(ctx); err != nil {
			return nil, err
		}
		if err := <-pyErr; err != nil {
			return nil, err
		}
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
	s := &stairway{o: o, dialect: dialect, admin: provider.Admin(), res: res, noted: map[string]bool{}}
	if o.Seed != "" {
		if s.seed, err = loadSeed(o.Seed); err != nil {
			return res, err
		}
	}
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
	// rows counts what the current database's tables hold that the
	// sandbox put there, by table; seed is what the seed hook did there.
	rows map[string]rowCount
	seed *seedHook
	// noRows switches the generator off for the retry on an empty
	// database; noted remembers the tables already said to be skipped.
	noRows bool
	noted  map[string]bool
	// envFailed: env.py or a module it imports failed, so every further
	// step would fail the same way.
	envFailed bool
	// offlineOff: env.py cannot render offline SQL; said once.
	offlineOff bool
}

// rowCount is how many rows a table got, and from where.
type rowCount struct {
	n      int
	seeded bool
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
	settings := driverSettings{URL: db.url.SQLAlchemy(), URLEnv: s.o.URLEnv, TOMLFile: s.o.TOMLFile}
	if s.o.ConfigFile != "" {
		settings.ConfigFile = s.o.ConfigFile
	} else {
		settings.ScriptLocation, settings.VersionLocations = s.o.ScriptLocation, s.o.VersionLocations
	}
	s.drv, err = startDriver(ctx, s.o.Python, s.o.Dir, settings)
	if err != nil {
		return errors.New(scrub(err.Error(), s.admin.Password()))
	}
	s.applied = map[string]bool{}
	s.rows = map[string]rowCount{}
	if s.seed != nil {
		s.seed.newDatabase()
	}
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
		if s.envFailed {
			s.res.Revisions = append(s.res.Revisions, RevisionResult{Revision: rev.ID, File: rev.File, Status: "not-run"})
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
		ok, err := s.test(ctx, rev)
		if err != nil {
			return err
		}
		needFresh = !ok
	}
	if s.o.Models && !s.envFailed {
		if needFresh {
			if err := s.fresh(ctx); err != nil {
				return err
			}
		}
		if err := s.compareModels(ctx); err != nil {
			return err
		}
	}
	s.seedNotices()
	return nil
}

// test runs one revision: offline SQL, parents, rows, snapshot, up, down,
// snapshot, up. It returns false when the database must be rebuilt before
// the next one.
func (s *stairway) test(ctx context.Context, rev *lint.Revision) (bool, error) {
	rr := &RevisionResult{Revision: rev.ID, File: rev.File, Status: "ok"}
	defer func() { s.res.Revisions = append(s.res.Revisions, *rr) }()
	if s.o.OfflineSQL && !s.offlineOff {
		if err := s.offline(ctx, rev, rr); err != nil {
			return false, err
		}
	}
	if !s.upgradeParents(ctx, rev, rr) {
		return false, ctx.Err()
	}
	if !s.o.NoRows && !s.noRows {
		if err := s.fill(ctx, rr); err != nil {
			return false, err
		}
	}
	before, err := snapshot(ctx, s.conn, s.dialect)
	if err != nil {
		return false, err
	}
	up, err := s.step(ctx, "upgrade", rev.ID, true)
	rr.UpgradeMs = up.Ms
	if err != nil || !up.OK {
		if err != nil || s.envError(up.Error) || s.generatedRows() == 0 {
			rr.Status = "upgrade-failed"
			s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, "upgrade failed", up, err)
			return false, ctx.Err()
		}
		// It failed on a database with generated rows: does it fail on
		// an empty one? Then the rows are the reason, and production,
		// which has rows, fails the same way.
		withRows, counts := up, s.rows
		if before, up, err = s.retryEmpty(ctx, rev, rr); err != nil || before == nil {
			return false, err
		}
		rr.UpgradeMs = up.Ms
		if !up.OK {
			rr.Status = "upgrade-failed"
			s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, "upgrade failed", up, nil)
			return false, ctx.Err()
		}
		rr.Status = "upgrade-failed-with-rows"
		s.failWithRows(rev, withRows, counts)
	}
	return s.downAndUp(ctx, rev, rr, before, up)
}

// upgradeParents applies what the revision needs; false when that failed
// (and was reported).
func (s *stairway) upgradeParents(ctx context.Context, rev *lint.Revision, rr *RevisionResult) bool {
	for _, parent := range rev.DownRevisions {
		if s.applied[parent] {
			continue
		}
		r, err := s.step(ctx, "upgrade", parent, false)
		if err == nil && !r.OK && !s.envError(r.Error) && s.generatedRows() > 0 {
			// A parent not yet applied (another branch, or one outside
			// the change set) met the rows generated for an earlier
			// revision: it is not the revision under test, so apply the
			// parents again on an empty database.
			if ferr := s.fresh(ctx); ferr != nil {
				r, err = stepReply{}, ferr
			} else {
				return s.upgradeParents(ctx, rev, rr)
			}
		}
		if err != nil || !r.OK {
			rr.Status = "parent-failed"
			if err == nil && s.envError(r.Error) {
				rr.Status = "env-failed"
			}
			s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, fmt.Sprintf("cannot test: upgrading to its parent %q failed", parent), r, err)
			return false
		}
		s.markApplied(parent)
	}
	return true
}

// retryEmpty builds a fresh database without generated rows, applies the
// revision's parents and upgrades it again. A nil snapshot means the
// parents failed there (reported); the run goes on with the next revision.
func (s *stairway) retryEmpty(ctx context.Context, rev *lint.Revision, rr *RevisionResult) (Schema, stepReply, error) {
	s.noRows = true
	defer func() { s.noRows = false }()
	if err := s.fresh(ctx); err != nil {
		return nil, stepReply{}, err
	}
	if !s.upgradeParents(ctx, rev, rr) {
		return nil, stepReply{}, ctx.Err()
	}
	before, err := snapshot(ctx, s.conn, s.dialect)
	if err != nil {
		return nil, stepReply{}, err
	}
	up, err := s.step(ctx, "upgrade", rev.ID, true)
	if err != nil {
		rr.Status = "upgrade-failed"
		s.fail(rev, lint.UpgradeFailedID, rev.Upgrade.Span, "upgrade failed", up, err)
		return nil, up, ctx.Err()
	}
	return before, up, nil
}

// downAndUp is the rest of the stairway after a successful upgrade:
// downgrade, compare the schema with the one before, upgrade again.
func (s *stairway) downAndUp(ctx context.Context, rev *lint.Revision, rr *RevisionResult, before Schema, up stepReply) (bool, error) {
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
	if len(differences) > 0 && rr.Status == "ok" {
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
	if s.envError(e) {
		s.envFailure(id, e)
		return
	}
	msg := what + ": " + e.reason()
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

// reason is the error as messages give it: the database's message, its
// SQLSTATE or errno, and the statement.
func (e *StepError) reason() string {
	msg := e.Message
	switch {
	case e.SQLState != "":
		msg += " (SQLSTATE " + e.SQLState + ")"
	case e.Errno != 0:
		msg += fmt.Sprintf(" (errno %d)", e.Errno)
	}
	if e.Statement != "" {
		msg += " in: " + e.Statement
	}
	return msg
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
	s.add(lint.Diagnostic{Rule: id, File: rev.File, Span: span, Revision: rev.ID, Message: message, Help: help})
}

// add records a finding with its text cleaned: no password, and nothing
// that changes from run to run (the sandbox database's name, MySQL's
// temporary tables), since the fingerprint is made from the message.
func (s *stairway) add(d lint.Diagnostic) {
	d.Message, d.Help = s.clean(d.Message), s.clean(d.Help)
	s.res.Diagnostics = append(s.res.Diagnostics, d)
}

var (
	temporaryTable  = lazyregexp.New("`?#sql-[\\w-]+`?")
	sandboxDatabase = lazyregexp.New("[`\"]?" + DatabasePrefix + "[0-9a-f]+_[0-9a-f]+[`\"]?\\.")
)

func (s *stairway) clean(text string) string {
	text = scrub(text, s.admin.Password())
	text = sandboxDatabase.ReplaceAllString(text, "")
	return temporaryTable.ReplaceAllString(text, "(a temporary table)")
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

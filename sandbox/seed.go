package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
)

// fill runs what is pending of the seed hook and generates rows for the
// existing tables that are still empty, before a revision is upgraded.
func (s *stairway) fill(ctx context.Context, rr *RevisionResult) error {
	start := time.Now()
	if s.o.Seed != "" {
		if err := s.runSeed(ctx); err != nil {
			return err
		}
	}
	f, err := fillTables(ctx, s.conn, s.dialect)
	if err != nil {
		return fmt.Errorf("generate rows: %w", err)
	}
	added := 0
	for table, n := range f.Rows {
		s.rows[table] = rowCount{n: n}
		added += n
	}
	// A table is named once per run, where it was first left empty.
	for _, sk := range f.Skipped {
		if s.noted[sk.Table] {
			continue
		}
		s.noted[sk.Table] = true
		sk.Reason = s.clean(sk.Reason)
		rr.Skipped = append(rr.Skipped, sk)
	}
	rr.Rows = s.generatedRows()
	rr.RowsMs = float64(time.Since(start).Microseconds()) / 1000
	if s.o.Progress != nil && (added > 0 || len(f.Skipped) > 0) {
		fmt.Fprintf(s.o.Progress, "sandbox: rows: %d generated in %d tables, %d tables left empty (%.0f ms)\n", added, len(f.Rows), len(f.Skipped), rr.RowsMs)
	}
	return nil
}

// seedHook is what the seed hook has done. The hook is written for the
// tables of the whole project, which appear one revision at a time: each
// statement of a .sql hook runs once per database, before the first
// revision under test at which it succeeds; a .py hook's seed(connection)
// runs in a transaction before each revision under test until it succeeds
// once. What never succeeded in any database is said at the end.
type seedHook struct {
	statements []string
	// done is per database; ever and lastErr are over the whole run.
	done, ever []bool
	lastErr    []string
	pyDone     bool
	pyEver     bool
	pyErr      string
}

// newDatabase forgets what was done in the previous database.
func (h *seedHook) newDatabase() {
	h.done = make([]bool, len(h.statements))
	h.pyDone = false
}

// runSeed runs the pending part of the seed hook. A failure is not the
// revision's: it is kept, and said at the end if it never succeeded.
func (s *stairway) runSeed(ctx context.Context) error {
	h := s.seed
	ran := false
	if filepath.Ext(s.o.Seed) == ".py" {
		if h.pyDone {
			return nil
		}
		r, err := s.drv.call(ctx, map[string]any{"cmd": "seed", "path": s.o.Seed}, s.o.StepTimeout)
		if err != nil {
			return fmt.Errorf("[sandbox] seed %s: %w", s.o.Seed, err)
		}
		if !r.OK {
			e := r.Error
			where := ""
			if e.File != "" && e.Line > 0 {
				where = fmt.Sprintf(" at line %d", e.Line)
			}
			h.pyErr = fmt.Sprintf("seed(connection) failed%s: %s", where, e.reason())
			return nil
		}
		h.pyDone, h.pyEver, ran = true, true, true
	} else {
		for i, stmt := range h.statements {
			if h.done[i] {
				continue
			}
			if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
				h.lastErr[i] = fmt.Sprintf("statement %d (%s) failed: %s", i+1, firstLine(stmt), dbError(err))
				continue
			}
			h.done[i], h.ever[i], ran = true, true, true
		}
	}
	if !ran {
		return nil
	}
	tables, err := readTables(ctx, s.conn, s.dialect)
	if err != nil {
		return err
	}
	g := &generator{db: s.conn, dialect: s.dialect}
	for _, t := range tables {
		var n int
		if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM "+g.name(t)).Scan(&n); err == nil && n > s.rows[t.Key()].n {
			s.rows[t.Key()] = rowCount{n: n, seeded: true}
		}
	}
	return nil
}

// loadSeed reads a .sql hook once per run.
func loadSeed(path string) (*seedHook, error) {
	h := &seedHook{}
	if filepath.Ext(path) == ".sql" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("[sandbox] seed: %w", err)
		}
		h.statements = sqlStatements(string(data))
		h.ever = make([]bool, len(h.statements))
		h.lastErr = make([]string, len(h.statements))
	}
	return h, nil
}

// seedNotices says which parts of the seed hook never ran.
func (s *stairway) seedNotices() {
	h := s.seed
	if h == nil {
		return
	}
	var failed []string
	if h.pyErr != "" && !h.pyEver {
		failed = append(failed, h.pyErr)
	}
	for i := range h.statements {
		if !h.ever[i] && h.lastErr[i] != "" {
			failed = append(failed, h.lastErr[i])
		}
	}
	for _, f := range failed {
		s.notice(fmt.Sprintf("the seed hook %s never ran completely: %s", filepath.Base(s.o.Seed), f))
	}
}

// sqlStatements splits a seed file at semicolons that end a line; lines
// starting with -- are comments.
func sqlStatements(text string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "--")) {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(trimmed, ";") {
			if stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); strings.TrimSpace(stmt) != "" {
				out = append(out, stmt)
			}
			cur.Reset()
		}
	}
	if stmt := strings.TrimSpace(cur.String()); stmt != "" {
		out = append(out, stmt)
	}
	return out
}

// generatedRows counts the rows the sandbox put into the current database.
func (s *stairway) generatedRows() int {
	n := 0
	for _, c := range s.rows {
		n += c.n
	}
	return n
}

// failWithRows reports an upgrade that failed with the generated rows in
// the existing tables and passed without them: production, which has
// rows, fails the same way.
func (s *stairway) failWithRows(rev *lint.Revision, r stepReply, rows map[string]rowCount) {
	e := r.Error
	span := at(rev.Upgrade.Span)
	if e.File != "" && samePath(e.File, rev.File) && e.Line > 0 {
		span = lint.LineSpan(e.Line)
	}
	msg := fmt.Sprintf("upgrade fails on existing rows: %s; %s, and on empty tables the upgrade succeeds", e.reason(), rowsInvolved(e, rows))
	help := rowsHelp(e)
	if e.Code != "" {
		help = fmt.Sprintf("%s (line %d: `%s`)", help, e.Line, e.Code)
	}
	s.report(rev, lint.UpgradeFailedID, span, msg, help)
}

// rowsInvolved names the tables of the failing statement and their rows:
// `the table "items" had 4 generated rows`.
func rowsInvolved(e *StepError, rows map[string]rowCount) string {
	text := e.Statement + " " + e.Message
	var named []string
	for table := range rows {
		name := table[strings.LastIndexByte(table, '.')+1:]
		if regexp.MustCompile(`(^|[^\w$])` + regexp.QuoteMeta(name) + `($|[^\w$])`).MatchString(text) {
			named = append(named, table)
		}
	}
	sort.Strings(named)
	describe := func(table string) string {
		c := rows[table]
		if c.seeded {
			return fmt.Sprintf("the table %q had %d rows from the seed hook", table, c.n)
		}
		return fmt.Sprintf("the table %q had %d generated rows", table, c.n)
	}
	if len(named) > 0 {
		parts := make([]string, len(named))
		for i, t := range named {
			parts[i] = describe(t)
		}
		return strings.Join(parts, ", ")
	}
	total := 0
	for _, c := range rows {
		total += c.n
	}
	return fmt.Sprintf("the existing tables had %d generated rows", total)
}

// rowsHelp says how to make the statement safe for existing rows, by the
// class of the error.
func rowsHelp(e *StepError) string {
	code := e.SQLState
	switch e.Errno {
	case 1138, 1048:
		code = "23502"
	case 1062:
		code = "23505"
	case 1452, 1215, 1216:
		code = "23503"
	case 3819, 4025:
		code = "23514"
	case 1265, 1406:
		code = "22001"
	case 1366, 1292:
		code = "22P02"
	case 1264:
		code = "22003"
	}
	switch code {
	case "23502":
		return "existing rows have no value for the column: give it a server_default, or add it nullable, backfill with UPDATE, then set NOT NULL"
	case "23505":
		return "existing rows hold duplicates: remove or merge them in the revision (or a data migration before it), then add the unique constraint"
	case "23503":
		return "existing rows reference parents that do not exist: delete or fix them before adding the foreign key (PostgreSQL: add it NOT VALID, clean up, then VALIDATE)"
	case "23514":
		return "existing rows violate the CHECK: fix them first (PostgreSQL: add it NOT VALID, fix, then VALIDATE)"
	case "22001":
		return "existing values are longer than the new length: shorten or move them before narrowing the column, or keep the length"
	case "22P02", "22003", "22007", "22008", "42804":
		return "existing values do not convert to the new type: give a USING expression that handles every value, or convert in steps (new column, backfill, swap)"
	}
	return "production has rows: make the statement work on them, then try it on a copy of production data"
}

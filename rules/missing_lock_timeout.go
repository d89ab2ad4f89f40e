package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingLockTimeout reports lock-taking DDL with no lock_timeout set.
var MissingLockTimeout = &lint.Rule{
	ID: "ML211", Name: "missing-lock-timeout", Severity: lint.SeverityWarning, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "lock-taking DDL on an existing table with no lock_timeout set (PostgreSQL)",
	Doc: lint.Doc{
		Problem: "Even a fast ALTER TABLE needs an ACCESS EXCLUSIVE lock. While it waits for a long-running query " +
			"to finish, every other query on the table queues behind it: a one-millisecond migration becomes an " +
			"outage. lock_timeout makes the migration give up (and be retried) instead.",
		Solution: "Set lock_timeout at the start of upgrade(), or once in env.py for every migration (then set " +
			"`lock-timeout-in-env = true` in the migrate-lint settings).",
		Example: `
def upgrade():
    op.execute("SET lock_timeout = '5s'")
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
`,
	},
	Project: true,
	Run: func(p *lint.Pass) {
		// A timeout set in env.py covers every revision: the project's
		// convention, read once.
		setup := p.Project.Setup
		if p.Config.LockTimeoutInEnv || setup != nil && setup.Env != nil && setup.Env.SetsLockTimeout {
			return
		}
		var first *lint.Revision
		var firstOp lint.Op
		count := 0
		for _, r := range p.Project.Targets() {
			if op, ok := lockWithoutTimeout(r.Ops); ok {
				if first == nil {
					first, firstOp = r, op
				}
				count++
			}
		}
		if first == nil {
			return
		}
		what := fmt.Sprintf("%s on %s (revision %q)", firstOp.Kind, existingTarget(firstOp), first.ID)
		if count > 1 {
			what = fmt.Sprintf("%d revisions take locks on existing tables, the first %s", count, what)
		}
		reportOnce(p, first, firstOp.Span,
			what+" with no lock_timeout set anywhere: while a migration waits for its lock, every query on the table queues behind it",
			"set lock_timeout once in env.py for every migration, e.g. connection.execute(sa.text(\"SET lock_timeout = '5s'\")) before run_migrations()")
	},
}

// lockWithoutTimeout returns the first lock-taking op on an existing table
// that no SET lock_timeout earlier in the revision bounds.
func lockWithoutTimeout(ops *lint.Operations) (lint.Op, bool) {
	if ops == nil {
		return lint.Op{}, false
	}
	for _, op := range ops.Upgrade {
		if op.Kind == lint.OpSetLockTimeout {
			return lint.Op{}, false
		}
		if takesLock(op) && existing(op) {
			return op, true
		}
	}
	return lint.Op{}, false
}

// takesLock reports whether an op needs a lock that blocks queries on the
// table.
func takesLock(op lint.Op) bool {
	switch op.Kind {
	case lint.OpCreateIndex, lint.OpDropIndex:
		return !op.Concurrently
	case lint.OpAddColumn, lint.OpDropColumn, lint.OpAlterColumn, lint.OpCreateForeignKey,
		lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey,
		lint.OpDropConstraint, lint.OpDropPrimaryKey, lint.OpRenameTable, lint.OpDropTable,
		lint.OpValidateConstraint, lint.OpTruncate:
		return op.Table != "" || op.Kind == lint.OpDropIndex
	}
	return false
}

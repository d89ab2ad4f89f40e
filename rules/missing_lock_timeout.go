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
	Run: func(p *lint.Pass) {
		if p.Config.LockTimeoutInEnv {
			return
		}
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpSetLockTimeout {
				return
			}
			if takesLock(op) && existing(op) {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("%s on existing table %s waits for its lock with no lock_timeout: queries queue behind it while it waits", op.Kind, target(op)),
					"add op.execute(\"SET lock_timeout = '5s'\") at the start of upgrade(), or set it in env.py and lock-timeout-in-env = true")
				return
			}
		}
	},
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

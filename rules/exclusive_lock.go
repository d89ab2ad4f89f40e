package rules

import "github.com/migrate-lint/migrate-lint/lint"

// ExclusiveLock is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var ExclusiveLock = &lint.Rule{
	ID: lint.ExclusiveLockID, Name: "exclusive-lock", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "upgrade held ACCESS EXCLUSIVE on an existing table (PostgreSQL)",
	Doc: lint.Doc{
		Problem:  "Measured on PostgreSQL: the revision's transaction held an ACCESS EXCLUSIVE lock on an existing table, which blocks every read and write until commit. Even when the statement itself is instant, the lock must wait for running queries, and everything queues behind it.",
		Solution: "Keep exclusive locks rare and short: set lock_timeout, keep other work out of the same transaction, and use the non-blocking forms (CONCURRENTLY, NOT VALID then VALIDATE).",
		Example: `
def upgrade():
    op.execute("SET lock_timeout = '3s'")
    op.add_column("items", sa.Column("note", sa.Text(), nullable=True))
`,
	},
}

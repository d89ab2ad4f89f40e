package rules

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// ManualCommit reports a COMMIT inside a revision.
var ManualCommit = &lint.Rule{
	ID: "ML508", Name: "manual-commit", Severity: lint.SeverityWarning, Since: "0.2.0",
	Title: "COMMIT inside a revision breaks Alembic's per-revision transaction",
	Doc: lint.Doc{
		Problem: "Alembic runs a revision in a transaction and records it in alembic_version at the end. A COMMIT " +
			"in the middle (op.execute(\"COMMIT\"), or commit() on the migration's connection) makes the work before it " +
			"permanent: if a later statement fails, the revision is half applied, alembic_version still names the " +
			"parent, and running the upgrade again fails on what the first part already did.",
		Solution: "Put the statements that must run outside the transaction in `with op.get_context().autocommit_block():`; " +
			"split a long data migration into revisions, or batch it outside the migration.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_orders_created_at", "orders", ["created_at"], postgresql_concurrently=True)
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpCommit || op.Scope.Autocommit {
				continue
			}
			p.Report(p.Revision, op.Span,
				"COMMIT inside the revision: the work before it stays applied if a later statement fails, while alembic_version still names the parent revision",
				"run what needs its own transaction in `with op.get_context().autocommit_block():`, or split the revision")
		}
	},
}

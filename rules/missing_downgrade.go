package rules

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// MissingDowngrade reports a schema-changing upgrade with no downgrade.
var MissingDowngrade = &lint.Rule{
	ID: "ML501", Name: "missing-downgrade", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "upgrade changes the schema but downgrade is empty or missing",
	Doc: lint.Doc{
		Problem: "When a deploy goes wrong, `alembic downgrade -1` is the way back. An empty downgrade succeeds " +
			"without undoing anything: Alembic records the older revision while the schema stays new, and the next " +
			"upgrade fails on objects that already exist.",
		Solution: "Write the inverse operations. If the change cannot be undone, raise NotImplementedError with the reason (ML502), so that nobody believes it was.",
		Example: `
def upgrade():
    op.add_column("users", sa.Column("email", sa.String(255), nullable=True))

def downgrade():
    op.drop_column("users", "email")
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		if r.Downgrade.RaisesNotImplemented || r.Downgrade.Defined && !r.Downgrade.Empty {
			return
		}
		changes := false
		for _, op := range upgradeOps(p) {
			changes = changes || op.IsDDL()
		}
		if !changes {
			return
		}
		if !r.Downgrade.Defined {
			p.Report(r, at(r.Upgrade.Span), "upgrade changes the schema but the file has no downgrade()",
				"add a downgrade() with the inverse operations, or one that raises NotImplementedError with the reason")
			return
		}
		p.Report(r, r.Downgrade.Span, "upgrade changes the schema but downgrade() does nothing: a downgrade would record success and undo nothing",
			"write the inverse operations, or raise NotImplementedError with the reason")
	},
}

package rules

import (
	"fmt"

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
	Project: true,
	Run: func(p *lint.Pass) {
		var missing []*lint.Revision
		for _, r := range p.Project.Targets() {
			if r.Ops == nil || r.Downgrade.Irreversible || r.Downgrade.Defined && !r.Downgrade.Empty || !netSchemaChange(r.Ops) {
				continue
			}
			missing = append(missing, r)
		}
		if len(missing) == 0 {
			return
		}
		// A project that writes no downgrades follows a policy: say so
		// once instead of on every revision.
		if without, total, policy := noDowngradePolicy(p.Project); policy {
			first := missing[0]
			reportOnce(p, first, downgradeSpan(first),
				fmt.Sprintf("%d of %d revisions have no working downgrade: `alembic downgrade` cannot undo a release of this project (said once for the project, not per revision)", without, total),
				"if the project does not support downgrades, add ML501 to `ignore` in the settings; otherwise write the inverse operations")
			return
		}
		for _, r := range missing {
			if !r.Downgrade.Defined {
				p.Report(r, at(r.Upgrade.Span), "upgrade changes the schema but the file has no downgrade()",
					"add a downgrade() with the inverse operations, or one that raises NotImplementedError with the reason")
				continue
			}
			p.Report(r, r.Downgrade.Span, "upgrade changes the schema but downgrade() does nothing: a downgrade would record success and undo nothing",
				"write the inverse operations, or raise NotImplementedError with the reason")
		}
	},
}

// downgradeSpan is where a finding about a revision's downgrade goes: the
// function, or the upgrade when there is none.
func downgradeSpan(r *lint.Revision) lint.Span {
	if r.Downgrade.Defined {
		return r.Downgrade.Span
	}
	return at(r.Upgrade.Span)
}

package rules

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// MetadataCreateAll reports metadata.create_all() in a revision.
var MetadataCreateAll = &lint.Rule{
	ID: "ML408", Name: "metadata-create-all", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "metadata.create_all() in a revision",
	Doc: lint.Doc{
		Problem: "create_all() creates whatever the models say today, not what this revision meant: run on a fresh " +
			"database months later it creates tables that later revisions create again (and fail), and the " +
			"downgrade cannot know what it created.",
		Solution: "Write the tables out with op.create_table() (autogenerate does it for you).",
		Example: `
def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
    )
`,
	},
	Run: func(p *lint.Pass) {
		for _, op := range upgradeOps(p) {
			if op.Kind == lint.OpCreateAll {
				p.Report(p.Revision, op.Span, "create_all() creates the tables the models define today, not the ones this revision meant",
					"write the tables out with op.create_table() (alembic revision --autogenerate does it)")
			}
		}
	},
}

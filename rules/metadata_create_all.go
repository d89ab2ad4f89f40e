package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// MetadataCreateAll reports metadata.create_all() in a revision, in env.py
// or in the application's own modules.
var MetadataCreateAll = &lint.Rule{
	ID: "ML408", Name: "metadata-create-all", Severity: lint.SeverityWarning, Since: "0.1.0", Project: true,
	Title: "metadata.create_all() in a revision, env.py or the application's start-up",
	Doc: lint.Doc{
		Problem: "create_all() creates whatever the models say today, not what a revision meant. In a revision, run on a " +
			"fresh database months later, it creates tables that later revisions create again (and fail), and the " +
			"downgrade cannot know what it created. In env.py or the application's start-up it builds tables outside " +
			"the history: the database has them while alembic_version says it has not, later revisions that create " +
			"them fail, and columns added to the models later are never added by it to tables that exist. Outside " +
			"env.py, calls at the application's start-up are reported (import time, start-up hooks, app factories); " +
			"tests and setup commands such as init_db(), which Alembic's recipe for a new database pairs with " +
			"`alembic stamp head`, are not.",
		Solution: "Write the tables out with op.create_table() (autogenerate does it for you), and create the database with `alembic upgrade head`; where a new database is built with create_all, stamp it in the same function.",
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
		for _, rev := range p.Project.Targets() {
			if rev.Ops == nil {
				continue
			}
			for _, op := range rev.Ops.Upgrade {
				if op.Kind == lint.OpCreateAll {
					p.Report(rev, op.Span, "create_all() creates the tables the models define today, not the ones this revision meant",
						"write the tables out with op.create_table() (alembic revision --autogenerate does it)")
				}
			}
		}
		cfg := p.Project.Setup
		if cfg == nil {
			return
		}
		for _, c := range cfg.CreateAll {
			where := "the application"
			if cfg.Env != nil && c.File == cfg.Env.File {
				where = "env.py"
			}
			p.ReportFile(c.File, "", c.Span,
				fmt.Sprintf("%s() in %s creates tables outside the migration history: revisions that create them later fail, and tables it made never receive later changes", c.Callee, where),
				"create and upgrade the database with `alembic upgrade head` (a new database: create_all, then command.stamp(config, \"head\") in the same function)")
		}
	},
}

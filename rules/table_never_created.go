package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// alteringKinds are operations that need their table to exist.
var alteringKinds = map[lint.OpKind]bool{
	lint.OpAddColumn: true, lint.OpDropColumn: true, lint.OpAlterColumn: true, lint.OpCreateIndex: true,
	lint.OpCreateForeignKey: true, lint.OpCreateCheckConstraint: true, lint.OpCreateUniqueConstraint: true,
	lint.OpCreatePrimaryKey: true, lint.OpDropConstraint: true, lint.OpDropPrimaryKey: true,
	lint.OpDropTable: true, lint.OpRenameTable: true, lint.OpBatch: true,
}

// TableNeverCreated reports a revision altering a table that no revision
// of the history creates.
var TableNeverCreated = &lint.Rule{
	ID: "ML114", Name: "table-never-created", Severity: lint.SeverityWarning, Since: "0.2.0",
	Title: "a revision alters a table that no revision creates (the history starts from a database made another way)",
	Doc: lint.Doc{
		Problem: "The history was started on a database that already had tables (made with `create_all()` or by hand), " +
			"so the first revisions alter tables that no revision creates. `alembic upgrade head` on an empty database " +
			"(a new developer, CI, the sandbox) fails at the first of them. Projects that start from a stamp say so " +
			"with the `baseline` setting, which silences this.",
		Solution: "Add a baseline revision at the root of the history that creates the tables as they were before the " +
			"first revision (autogenerate against an empty database writes it), and stamp existing databases with it; " +
			"or, when the history deliberately starts from a stamped database, set `baseline` in [tool.migrate-lint].",
		Example: `
# revision 1: the baseline, at the root of the history
def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))

# a later revision
def upgrade():
    op.add_column("users", sa.Column("email", sa.String(255), nullable=True))
`,
	},
	Run: func(p *lint.Pass) {
		h := p.Project.History
		if h == nil || h.Opaque != "" || p.Config.Baseline != "" {
			return
		}
		reported := map[string]bool{}
		for _, op := range upgradeOps(p) {
			if !alteringKinds[op.Kind] || op.NewTable || op.Table == "" || op.Scope.Conditional {
				continue
			}
			if op.Call != nil {
				if _, inSchema := op.Call.Arg(-1, "schema"); inSchema {
					continue // another schema may be another application's
				}
			}
			key := strings.ToLower(op.Table)
			if i := strings.LastIndexByte(key, '.'); i >= 0 {
				continue // schema-qualified in SQL
			}
			key = strings.Trim(key, "\"`[]")
			if h.Created[key] || reported[key] || key == "alembic_version" {
				continue
			}
			reported[key] = true
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("%s alters table %q, which no revision creates: `alembic upgrade head` on an empty database fails here", op.Kind, op.Table),
				"add a baseline revision at the root that creates the tables the history starts from, or set baseline in [tool.migrate-lint] if databases are stamped")
		}
	},
}

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
	ID: "ML114", Name: "table-never-created", Severity: lint.SeverityWarning, Since: "0.2.0", Project: true,
	Title: "a revision alters a table that no revision creates (the history starts from a database made another way)",
	Doc: lint.Doc{
		Problem: "The history was started on a database that already had tables (made with `create_all()` or by hand), " +
			"so the first revisions alter tables that no revision creates. `alembic upgrade head` on an empty database " +
			"(a new developer, CI, the sandbox) fails at the first of them. Projects that start from a stamp say so " +
			"with the `baseline` setting, which silences this. It is said once, at the first revision (in history order) " +
			"that alters such a table, with the others listed.",
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
		// Revisions in history order, so that the finding is on the
		// first one that meets the missing tables.
		var order []*lint.Revision
		for _, n := range p.Project.Graph.Topological() {
			if r := p.Project.RevisionAt(n); p.Project.IsTarget(r) {
				order = append(order, r)
			}
		}
		var first *lint.Op
		var firstRev *lint.Revision
		var tables []string
		seen := map[string]bool{}
		for _, r := range order {
			if r.Ops == nil {
				continue
			}
			for i := range r.Ops.Upgrade {
				op := &r.Ops.Upgrade[i]
				key, ok := neverCreated(op, h)
				if !ok || seen[key] {
					continue
				}
				seen[key] = true
				tables = append(tables, op.Table)
				if first == nil {
					first, firstRev = op, r
				}
			}
		}
		if first == nil {
			return
		}
		msg := fmt.Sprintf("%s alters table %q, which no revision creates: `alembic upgrade head` on an empty database fails here", first.Kind, first.Table)
		if len(tables) > 1 {
			others := tables[1:]
			shown := others
			if len(shown) > 5 {
				shown = append(append([]string{}, shown[:5]...), fmt.Sprintf("and %d more", len(others)-5))
			}
			msg += fmt.Sprintf("; later revisions alter %d more tables no revision creates (%s): the history starts from a database made another way", len(others), strings.Join(quotedTables(shown), ", "))
		}
		p.Report(firstRev, first.Span, msg,
			"add a baseline revision at the root that creates the tables the history starts from, or set baseline in [tool.migrate-lint] if databases are made with create_all and stamped")
	},
}

// neverCreated reports whether an op needs a table that no revision
// creates, and the table's key. Operations that cannot fail on a missing
// table (IF EXISTS, inside an if), and tables in another schema, which
// may be another application's, are left out.
func neverCreated(op *lint.Op, h *lint.History) (string, bool) {
	if !alteringKinds[op.Kind] || op.NewTable || op.Table == "" || op.Scope.Conditional {
		return "", false
	}
	if op.SchemaNamed || op.IfExists {
		return "", false
	}
	key := strings.Trim(strings.ToLower(op.Table), "\"`[]")
	if op.SQL != "" {
		sql := strings.ToLower(op.SQL)
		if strings.Contains(sql, "if exists") || strings.Contains(sql, "."+key) || strings.Contains(sql, ".\""+key) {
			return "", false
		}
	}
	if strings.Contains(key, ".") || h.Created[key] || key == "alembic_version" {
		return "", false
	}
	return key, true
}

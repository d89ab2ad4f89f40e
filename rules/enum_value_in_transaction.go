package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// EnumValueInTransaction reports ALTER TYPE ... ADD VALUE inside a
// transaction on PostgreSQL before 12.
var EnumValueInTransaction = &lint.Rule{
	ID: "ML213", Name: "enum-value-in-transaction", Severity: lint.SeverityError, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "ALTER TYPE ... ADD VALUE inside a transaction before PostgreSQL 12",
	Doc: lint.Doc{
		Problem: "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block, and " +
			"Alembic runs migrations in one: the upgrade fails (SQLSTATE 25001). From 12 on it may, but the new " +
			"value cannot be used until the transaction commits.",
		Solution: "Run it in an autocommit block.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")
`,
	},
	Run: func(p *lint.Pass) {
		if !olderThan(p.Config, "12") {
			return
		}
		for _, op := range upgradeOps(p) {
			if op.Kind != lint.OpAddEnumValue || op.Scope.Autocommit {
				continue
			}
			p.Report(p.Revision, op.Span,
				fmt.Sprintf("adding value %q to enum type %q inside the migration's transaction fails before PostgreSQL 12 (target %s)", op.NewName, op.Name, p.Config.TargetVersion),
				"wrap it in `with op.get_context().autocommit_block():`")
		}
	},
}

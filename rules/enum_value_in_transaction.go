package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// EnumValueInTransaction reports ALTER TYPE ... ADD VALUE inside a
// transaction on PostgreSQL before 12, and on every version when the new
// value is used in that same transaction.
var EnumValueInTransaction = &lint.Rule{
	ID: "ML213", Name: "enum-value-in-transaction", Severity: lint.SeverityError, Since: "0.1.0", Dialects: []lint.Dialect{lint.PostgreSQL},
	Title: "ALTER TYPE ... ADD VALUE inside the migration's transaction (before PostgreSQL 12, or used before commit)",
	Doc: lint.Doc{
		Problem: "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block, and " +
			"Alembic runs migrations in one: the upgrade fails (SQLSTATE 25001). From 12 on it may, but the new " +
			"value cannot be used until the transaction commits: an UPDATE or a default that uses it in the same " +
			"revision fails with \"unsafe use of new value\" (55P04), on every version.",
		Solution: "Run it in an autocommit block, which commits it at once; or use the value in a later revision.",
		Example: `
def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			if op.Kind != lint.OpAddEnumValue || op.Scope.Autocommit {
				continue
			}
			if olderThan(p.Config, "12") {
				p.Report(p.Revision, op.Span,
					fmt.Sprintf("adding value %q to enum type %q inside the migration's transaction fails before PostgreSQL 12 (target %s)", op.NewName, op.Name, p.Config.TargetVersion),
					"wrap it in `with op.get_context().autocommit_block():`")
				continue
			}
			// On every version, the new value cannot be used before the
			// transaction that added it commits (SQLSTATE 55P04).
			if use, ok := usesValue(ops[op.Index+1:], op.NewName); ok {
				p.Report(p.Revision, use.Span,
					fmt.Sprintf("enum value %q is used in the same transaction that adds it: PostgreSQL fails with \"unsafe use of new value\" (55P04)", op.NewName),
					"add the value inside `with op.get_context().autocommit_block():` (it commits at once), or use it in a later revision")
			}
		}
	},
}

// usesValue finds the first later op, in the same transaction, whose SQL or
// default mentions the enum value as a string literal.
func usesValue(later []lint.Op, value string) (lint.Op, bool) {
	quoted := "'" + strings.ReplaceAll(value, "'", "''") + "'"
	for _, op := range later {
		if op.Scope.Autocommit {
			continue
		}
		if strings.Contains(op.SQL, quoted) || strings.Contains(op.ServerDefault, quoted) {
			return op, true
		}
	}
	return lint.Op{}, false
}

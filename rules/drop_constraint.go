package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DropConstraint reports dropping a constraint on an existing table.
var DropConstraint = &lint.Rule{
	ID: "ML306", Name: "drop-constraint", Severity: lint.SeverityWarning, Since: "0.1.0", OptIn: true,
	Title: "drops a constraint from an existing table",
	Doc: lint.Doc{
		Problem: "Dropping a constraint removes a guarantee the data has had: duplicates, orphans or invalid " +
			"values may appear from the next write on, and re-adding the constraint later fails on them. It also " +
			"needs an ACCESS EXCLUSIVE lock.",
		Solution: "Make sure nothing relies on the constraint; when the drop is intended, suppress this with the reason. " +
			"The rule is opt-in: on real projects almost every drop left after replacements is the intended change " +
			"itself (docs/precision.md), so it runs only when selected (--select ML306). " +
			"A constraint dropped and re-created in the same revision (renamed, widened, ON DELETE CASCADE added) is a " +
			"replacement and is not reported here; re-creating a foreign key or CHECK that validates is ML204/ML205's matter.",
		Example: `
def upgrade():
    # a replacement: the same revision creates the new form of the constraint
    op.drop_constraint("ck_orders_total_positive", "orders", type_="check")
    op.create_check_constraint("ck_orders_total_nonnegative", "orders", "total >= 0", postgresql_not_valid=True)
`,
	},
	Run: func(p *lint.Pass) {
		ops := upgradeOps(p)
		for _, op := range ops {
			if (op.Kind != lint.OpDropConstraint && op.Kind != lint.OpDropPrimaryKey) || !existing(op) || op.Table == "" {
				continue
			}
			if replacedOrGone(op, ops) {
				continue
			}
			name := op.Name
			if name == "" {
				name = "(unnamed)"
			}
			p.Report(p.Revision, op.Span, fmt.Sprintf("dropping constraint %q from %s removes a guarantee the data relies on", name, existingTable(op)),
				"make sure nothing relies on it, then suppress this with the reason")
		}
	},
}

// replacedOrGone reports a dropped constraint that the revision replaces
// (creates a constraint of the same kind on the same table) or that goes
// with its table or with a column it names.
func replacedOrGone(drop lint.Op, ops []lint.Op) bool {
	for _, other := range ops {
		if !strings.EqualFold(other.Table, drop.Table) {
			continue
		}
		switch other.Kind {
		case lint.OpCreateForeignKey, lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey:
			if drop.ConstraintKind() == "" || other.ConstraintKind() == drop.ConstraintKind() {
				return true
			}
		case lint.OpCreateIndex:
			// A unique constraint turned into a unique index, or the reverse.
			if other.Unique && (drop.ConstraintKind() == "" || drop.ConstraintKind() == "unique") {
				return true
			}
		case lint.OpDropTable:
			return true
		case lint.OpDropColumn:
			if other.Column != "" && strings.Contains(strings.ToLower(drop.Name), strings.ToLower(other.Column)) {
				return true
			}
		}
	}
	return false
}

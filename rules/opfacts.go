package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// upgradeOps is the common case: what upgrade() does.
func upgradeOps(p *lint.Pass) []lint.Op { return p.Ops().Upgrade }

// existing reports whether an op touches something already in
// production: not created earlier in the same revision (or by another
// revision of the change set).
func existing(op lint.Op) bool { return !op.NewTable }

// named names an index or constraint for messages: `index "ix_users_email"`,
// or, for one the naming convention names (name None), by its columns.
func named(kind string, op lint.Op) string {
	switch {
	case op.Name != "":
		return fmt.Sprintf("%s %q", kind, op.Name)
	case len(op.Columns) > 0:
		return fmt.Sprintf("%s on (%s)", kind, strings.Join(op.Columns, ", "))
	}
	return kind + " (named by the naming convention)"
}

// existingTable names an op's table as an existing one: existing table
// "users", or an existing table whose name is computed at run time.
func existingTable(op lint.Op) string {
	if op.Table == "" {
		return "an existing table whose name is computed at run time"
	}
	return "existing table " + strconv.Quote(op.Table)
}

// existingTarget is existingTable with the column: existing table
// "users"."email".
func existingTarget(op lint.Op) string {
	if op.Table == "" {
		return existingTable(op)
	}
	return "existing table " + target(op)
}

// tableLabel names an op's table for messages: "users", or what is known
// when the name is only computed at run time.
func tableLabel(op lint.Op) string {
	if op.Table == "" {
		return "a table whose name is computed at run time"
	}
	return strconv.Quote(op.Table)
}

// target names an op's target for messages: table "users", column
// "users"."email".
func target(op lint.Op) string {
	// Names are quoted as Go quotes them, as every message does, so a
	// name with a newline reads the same in every finding.
	switch {
	case op.Column != "" && op.Table != "":
		return strconv.Quote(op.Table) + "." + strconv.Quote(op.Column)
	case op.Table != "":
		return strconv.Quote(op.Table)
	case op.Name != "":
		return strconv.Quote(op.Name)
	case op.Column != "":
		return strconv.Quote(op.Column) + " (of a table whose name is computed at run time)"
	}
	return "a table whose name is computed at run time"
}

// roundTrip reports a rename that the same revision undoes (a -> tmp, then
// tmp -> a, as a swap through a temporary name does): the name the
// application uses is there again when the revision commits.
func roundTrip(rename lint.Op, ops []lint.Op) bool {
	for _, other := range ops {
		if other.Kind != rename.Kind || other.Index == rename.Index {
			continue
		}
		sameTable := rename.Kind == lint.OpRenameTable || strings.EqualFold(other.Table, rename.Table)
		from, to := rename.Column, rename.NewName
		otherFrom := other.Column
		if rename.Kind == lint.OpRenameTable {
			from, otherFrom = rename.Table, other.Table
		}
		if sameTable && strings.EqualFold(otherFrom, to) && strings.EqualFold(other.NewName, from) {
			return true
		}
	}
	return false
}

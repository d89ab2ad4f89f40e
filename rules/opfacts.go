package rules

import "github.com/migrate-lint/migrate-lint/lint"

// upgradeOps is the common case: what upgrade() does.
func upgradeOps(p *lint.Pass) []lint.Op { return p.Ops().Upgrade }

// existing reports whether an op touches something already in
// production: not created earlier in the same revision (or by another
// revision of the change set).
func existing(op lint.Op) bool { return !op.NewTable }

// target names an op's target for messages: table "users", column
// "users"."email".
func target(op lint.Op) string {
	switch {
	case op.Column != "" && op.Table != "":
		return `"` + op.Table + `"."` + op.Column + `"`
	case op.Table != "":
		return `"` + op.Table + `"`
	case op.Name != "":
		return `"` + op.Name + `"`
	}
	return "the table"
}

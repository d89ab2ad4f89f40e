package rules

import "github.com/migrate-lint/migrate-lint/lint"

// ReupgradeFailed is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var ReupgradeFailed = &lint.Rule{
	ID: lint.ReupgradeFailedID, Name: "reupgrade-failed", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "upgrade fails again after the downgrade",
	Doc: lint.Doc{
		Problem:  "Upgrade, downgrade, then upgrade again failed: the downgrade left something behind (a type, a sequence, an index) that the upgrade creates again, so a rollback followed by a redeploy fails.",
		Solution: "Drop in downgrade everything upgrade creates, including implicit objects such as enum types (`sa.Enum(..., name=...).drop(op.get_bind())`).",
		Example: `
def downgrade():
    op.drop_table("kinds")
    sa.Enum(name="item_kind").drop(op.get_bind(), checkfirst=True)
`,
	},
}

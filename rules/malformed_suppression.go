package rules

import "github.com/migrate-lint/migrate-lint/lint"

// MalformedSuppression is reported by the engine (lint.Run): a suppression
// without a reason, without rule IDs, naming an unknown rule, or with an
// unknown directive.
var MalformedSuppression = &lint.Rule{
	ID: lint.MalformedSuppressionID, Name: "malformed-suppression", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "suppression comment lacks a reason or names no known rule",
	Doc: lint.Doc{
		Problem: "Every suppression must say why the finding is safe to ignore, so that a reviewer can judge it and " +
			"a later reader knows when it stops being true. A comment without rule IDs, with an unknown rule, or " +
			"with a directive other than `ignore` and `ignore-file` does not do what its author meant.",
		Solution: "Write `# migrate-lint: ignore[ID] reason` on the line of the finding or the line above it, or " +
			"`# migrate-lint: ignore-file[ID] reason` anywhere in the file.",
		Example: `
def upgrade():
    # migrate-lint: ignore[ML201] table has 40 rows; created last release
    op.create_index("ix_flags_name", "flags", ["name"])
`,
	},
}

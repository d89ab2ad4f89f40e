package rules

import "github.com/migrate-lint/migrate-lint/lint"

// UnusedSuppression is reported by the engine (lint.Run): a suppression
// comment that matched no finding.
var UnusedSuppression = &lint.Rule{
	ID: lint.UnusedSuppressionID, Name: "unused-suppression", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "suppression comment matches no finding",
	Doc: lint.Doc{
		Problem: "A `# migrate-lint: ignore[...]` comment silences nothing: the finding it was written for was fixed, " +
			"moved to another line, or the comment names the wrong rule. A stale suppression would silently hide " +
			"the next real finding on that line.",
		Solution: "Remove the comment, or put it on the line of the finding (or the line above it) with the right rule ID.",
		Example: `
def upgrade():
    # migrate-lint: ignore[ML302] column unused since release 4.2; data archived
    op.drop_column("users", "legacy_flag")
`,
	},
}

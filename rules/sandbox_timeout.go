package rules

import "github.com/migrate-lint/migrate-lint/lint"

// SandboxTimeout is measured by the sandbox (package sandbox), which reports its
// findings; the value carries the documentation.
var SandboxTimeout = &lint.Rule{
	ID: lint.SandboxTimeoutID, Name: "sandbox-timeout", Severity: lint.SeverityError, Since: "0.1.0",
	Title: "a sandbox step ran longer than the timeout",
	Doc: lint.Doc{
		Problem:  "One step (upgrade, downgrade or re-upgrade of the revision) did not finish within --timeout on a database that holds only what the revisions themselves insert. It waits on a lock, loops, or does far more work than it should.",
		Solution: "Find the statement that waits or scans; raise --timeout only when the step is legitimately slow.",
		Example: `
def upgrade():
    op.execute("SET lock_timeout = '3s'")
    op.execute("SET statement_timeout = '60s'")
`,
	},
}

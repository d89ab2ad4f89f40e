package rules

import (
	"fmt"

	"github.com/migrate-lint/migrate-lint/lint"
)

// NonLiteralRevisionMetadata reports metadata that only running the file
// would reveal.
var NonLiteralRevisionMetadata = &lint.Rule{
	ID: "ML004", Name: "non-literal-revision-metadata", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "revision metadata is computed instead of written as a literal",
	Doc: lint.Doc{
		Problem: "`revision`, `down_revision`, `branch_labels` or `depends_on` is assigned from an expression " +
			"(a function call, a variable, an f-string). Alembic evaluates it when it imports the file, but tools " +
			"that read the file (this one, code review, `git grep`) cannot tell where the revision sits in the graph.",
		Solution: "Write the identifiers as string literals, a tuple of string literals, or None.",
		Example: `
revision = "3f1a9c2d7b10"
down_revision = ("1a2b3c4d5e6f", "9e8d7c6b5a40")
branch_labels = None
depends_on = None
`,
	},
	Run: func(p *lint.Pass) {
		symbolic := len(lint.SymbolicLabels(p.Revision)) > 0
		for _, m := range p.Revision.NonLiteral {
			if m.Variable == "branch_labels" && symbolic {
				continue // read as labels named by their expressions
			}
			consequence := ""
			if m.Variable == "revision" || m.Variable == "down_revision" {
				consequence = ": the file is left out of the revision graph, and the head and parent checks (ML101, ML102) are not run"
			}
			p.Report(p.Revision, m.Span,
				fmt.Sprintf("%s is assigned from %q, which cannot be read without running the file%s", m.Variable, m.Source, consequence),
				fmt.Sprintf("write %s as a string literal, a tuple of string literals, or None", m.Variable))
		}
	},
}

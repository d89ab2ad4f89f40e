package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// BenchmarkWriteJSON: the JSON report of a full check of the corpus
// (2,000 findings, 1.5 MB).
func BenchmarkWriteJSON(b *testing.B) {
	r := &Report{ToolName: "migrate-lint", ToolVersion: "0.1.0", Dialect: "postgresql", Paths: Paths{Cwd: "/p"}}
	for i := range 2000 {
		r.Diagnostics = append(r.Diagnostics, lint.Diagnostic{
			Rule: "ML302", Name: "drop-column", Severity: lint.SeverityError, File: fmt.Sprintf("/p/migrations/versions/%04d_step.py", i/2),
			Span: lint.Span{Line: 10 + i%7, Column: 5, EndLine: 10 + i%7, EndColumn: 40}, Revision: fmt.Sprintf("%012x", i/2),
			Message:     fmt.Sprintf("dropping column \"col_%d\" of \"users\" deletes its data and breaks code that still reads it", i),
			Help:        "stop using the column in a release first, then drop it in a later one",
			Fingerprint: fmt.Sprintf("%016x", i*7919),
		})
	}
	for b.Loop() {
		if err := WriteJSON(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

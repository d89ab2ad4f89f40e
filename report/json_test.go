package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// oracleJSON is the JSON document as the contract's structs encode it
// through encoding/json (EncodeJSON): what WriteJSON must write.
func oracleJSON(t testing.TB, r *Report) string {
	t.Helper()
	out := jsonReport{
		Version:     1,
		Tool:        jsonTool{Name: r.ToolName, Version: r.ToolVersion},
		Dialect:     r.Dialect,
		Diagnostics: []jsonDiagnostic{},
	}
	for _, d := range r.Diagnostics {
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			Rule: d.Rule, Name: d.Name, Severity: d.Severity.String(), Path: r.Paths.Display(d.File),
			Line: line, Column: col, EndLine: max(d.Span.EndLine, line), EndColumn: max(d.Span.EndColumn, col),
			Revision: d.Revision, Message: d.Message, Help: d.Help, Fingerprint: d.Fingerprint,
		})
	}
	out.Sandbox = r.Sandbox
	s := r.Summarize()
	out.Summary = jsonSummary{Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos, Files: r.Files, Revisions: r.Revisions}
	var b bytes.Buffer
	if err := EncodeJSON(&b, out, false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func writtenJSON(t testing.TB, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// awkward are strings every escape of encoding/json meets.
var awkward = []string{
	"", "plain", `say "no"`, `back\slash`, "tab\there", "new\nline\r\n", "\b\f\x00\x01\x1f\x7f",
	"<script>&amp;</script>", "é ü 漢字 🙂", "line\u2028para\u2029", "bad \xff\xfe utf-8", "\xed\xa0\x80 surrogate",
	"##[error]command", "::stop-commands::x", "rtl \u202e override \u200f", "c1 \u0085 \u009b[31m", "\x1b[31mred",
}

// TestWriteJSONIsEncodeJSON: the hand-written document is byte for byte
// the contract's structs through encoding/json, with every awkward string
// in every string field, with and without findings and a sandbox run.
func TestWriteJSONIsEncodeJSON(t *testing.T) {
	reports := map[string]*Report{"hostile": hostile(), "empty": {ToolName: "migrate-lint", ToolVersion: "0.1.0"}}
	noSandbox := hostile()
	noSandbox.Sandbox = nil
	reports["no sandbox"] = noSandbox
	for i, s := range awkward {
		r := &Report{ToolName: "migrate-lint", ToolVersion: s, Dialect: s, Files: i, Revisions: 2 * i, Paths: Paths{Cwd: "/p"}}
		for j, sev := range []lint.Severity{lint.SeverityError, lint.SeverityWarning, lint.SeverityInfo} {
			r.Diagnostics = append(r.Diagnostics, lint.Diagnostic{
				Rule: s, Name: s, Severity: sev, File: "/p/" + s + ".py", Revision: s, Message: s, Help: s, Fingerprint: s,
				Span: lint.Span{Line: j - 1, Column: j, EndLine: j + 2, EndColumn: 0},
			})
		}
		reports["awkward "+s] = r
	}
	for name, r := range reports {
		if got, want := writtenJSON(t, r), oracleJSON(t, r); got != want {
			t.Errorf("%s: WriteJSON differs from encoding/json:\n--- got\n%s\n--- want\n%s", name, got, want)
		}
	}
}

// FuzzWriteJSON: any message, path and revision are written as
// encoding/json writes them.
func FuzzWriteJSON(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, message, file string) {
		r := &Report{ToolName: "migrate-lint", ToolVersion: "0.1.0", Dialect: "postgresql", Paths: Paths{Cwd: "/p"},
			Diagnostics: []lint.Diagnostic{{Rule: "ML301", Name: "drop-table", Severity: lint.SeverityError,
				File: "/p/" + strings.TrimPrefix(file, "/"), Revision: file, Message: message, Help: message}}}
		if got, want := writtenJSON(t, r), oracleJSON(t, r); got != want {
			t.Fatalf("WriteJSON differs from encoding/json:\n--- got\n%s\n--- want\n%s", got, want)
		}
	})
}

// countingWriter counts the writes it takes.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}

// TestWriteJSONInPieces: a report larger than a piece goes out in several
// writes and is still byte for byte the oracle's, with "##[" and hidden
// characters in every diagnostic, so some fall at the ends of pieces.
func TestWriteJSONInPieces(t *testing.T) {
	r := &Report{ToolName: "migrate-lint", ToolVersion: "0.1.0", Dialect: "postgresql", Paths: Paths{Cwd: "/p"}}
	for i := range 3 * jsonPiece / 200 {
		s := awkward[i%len(awkward)]
		r.Diagnostics = append(r.Diagnostics, lint.Diagnostic{
			Rule: "ML301", Name: "drop-table", Severity: lint.SeverityError, File: "/p/" + s + ".py",
			Revision: "##[" + s, Message: s + "##[", Help: "\u202e" + s, Fingerprint: s,
			Span: lint.Span{Line: i, Column: 1},
		})
	}
	var w countingWriter
	if err := WriteJSON(&w, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if w.writes < 3 {
		t.Errorf("%d bytes in %d writes: not written in pieces", w.Len(), w.writes)
	}
	if got, want := w.String(), oracleJSON(t, r); got != want {
		t.Error("WriteJSON in pieces differs from encoding/json")
	}
}

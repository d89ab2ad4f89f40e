package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonReport is the stable JSON contract, version 1. Field order is the
// order of the struct. WriteJSON writes it by hand; the tests encode these
// structs with encoding/json and hold the two equal.
type jsonReport struct {
	Version     int              `json:"version"`
	Tool        jsonTool         `json:"tool"`
	Dialect     string           `json:"dialect"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     jsonSummary      `json:"summary"`
	Sandbox     *SandboxRun      `json:"sandbox,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonDiagnostic struct {
	Rule        string `json:"rule"`
	Name        string `json:"name"`
	Severity    string `json:"severity"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
	Revision    string `json:"revision"`
	Message     string `json:"message"`
	Help        string `json:"help"`
	Fingerprint string `json:"fingerprint"`
}

type jsonSummary struct {
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Infos     int `json:"infos"`
	Files     int `json:"files"`
	Revisions int `json:"revisions"`
}

// WriteJSON writes the version 1 JSON document: what EncodeJSON writes of
// a jsonReport (TestWriteJSONIsEncodeJSON holds them equal), written field
// by field. Through reflection and an indenting pass, the report of a full
// check of the corpus (1,700 findings) took 18 ms, a tenth of the check.
//
// The document goes out in pieces of about jsonPiece bytes, each ending
// after a diagnostic: the report of the corpus is 1.6 MB, and built whole
// its buffer, doubling as it grew, took 3.8 MB of fresh memory, a page
// fault per 4 KiB (a check collects no garbage before 76 MB,
// cmd/migrate-lint/gc.go). guardJSON sees each piece alone, which
// guards the same: a piece ends with "}" and the next starts with ",",
// so no "##[" spans two, and every piece ends on an ASCII byte, so no
// character does.
func WriteJSON(w io.Writer, r *Report, _ Options) error {
	// The sandbox's part is encoded first: if it fails, nothing is
	// written (the pieces before it would make half a document).
	var sb bytes.Buffer
	if r.Sandbox != nil {
		// Rare and small: the standard encoder, indented one level in.
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(r.Sandbox); err != nil {
			return err
		}
	}
	b := make([]byte, 0, min(512+len(r.Diagnostics)*512, 2*jsonPiece))
	b = appendJSONText(b, "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": ", r.ToolName)
	b = appendJSONText(b, ",\n    \"version\": ", r.ToolVersion)
	b = appendJSONText(b, "\n  },\n  \"dialect\": ", r.Dialect)
	b = append(b, ",\n  \"diagnostics\": ["...)
	for i, d := range r.Diagnostics {
		if i > 0 {
			b = append(b, ',')
		}
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		b = appendJSONText(b, "\n    {\n      \"rule\": ", d.Rule)
		b = appendJSONText(b, ",\n      \"name\": ", d.Name)
		b = appendJSONText(b, ",\n      \"severity\": ", d.Severity.String())
		b = appendJSONText(b, ",\n      \"path\": ", r.Paths.Display(d.File))
		b = appendJSONInt(b, ",\n      \"line\": ", line)
		b = appendJSONInt(b, ",\n      \"column\": ", col)
		b = appendJSONInt(b, ",\n      \"end_line\": ", max(d.Span.EndLine, line))
		b = appendJSONInt(b, ",\n      \"end_column\": ", max(d.Span.EndColumn, col))
		b = appendJSONText(b, ",\n      \"revision\": ", d.Revision)
		b = appendJSONText(b, ",\n      \"message\": ", d.Message)
		b = appendJSONText(b, ",\n      \"help\": ", d.Help)
		b = appendJSONText(b, ",\n      \"fingerprint\": ", d.Fingerprint)
		b = append(b, "\n    }"...)
		if len(b) >= jsonPiece {
			if _, err := w.Write(guardJSON(b)); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if len(r.Diagnostics) > 0 {
		b = append(b, "\n  "...)
	}
	s := r.Summarize()
	b = appendJSONInt(b, "],\n  \"summary\": {\n    \"errors\": ", s.Errors)
	b = appendJSONInt(b, ",\n    \"warnings\": ", s.Warnings)
	b = appendJSONInt(b, ",\n    \"infos\": ", s.Infos)
	b = appendJSONInt(b, ",\n    \"files\": ", r.Files)
	b = appendJSONInt(b, ",\n    \"revisions\": ", r.Revisions)
	b = append(b, "\n  }"...)
	if r.Sandbox != nil {
		b = append(b, ",\n  \"sandbox\": "...)
		b = append(b, bytes.TrimSuffix(sb.Bytes(), []byte("\n"))...)
	}
	b = append(b, "\n}\n"...)
	_, err := w.Write(guardJSON(b))
	return err
}

// jsonPiece is the size of the pieces WriteJSON writes.
const jsonPiece = 64 << 10

// appendJSONText appends a key's text and a string.
func appendJSONText(b []byte, key, s string) []byte {
	return appendJSONString(append(b, key...), s)
}

// appendJSONInt appends a key's text and an integer.
func appendJSONInt(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

// appendJSONString appends s as encoding/json writes it without HTML
// escaping: directly when s is printable ASCII without a quote or a
// backslash (nearly every string of a report), otherwise through
// encoding/json itself, so that every escape stays the standard
// library's own.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			var e bytes.Buffer
			enc := json.NewEncoder(&e)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s) // a string always encodes
			return append(b, bytes.TrimSuffix(e.Bytes(), []byte("\n"))...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

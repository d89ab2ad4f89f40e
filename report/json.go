package report

import (
	"io"
)

// jsonReport is the stable JSON contract, version 1. Field order is the
// order of the struct.
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

// WriteJSON writes the version 1 JSON document.
func WriteJSON(w io.Writer, r *Report, _ Options) error {
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
	return EncodeJSON(w, out, false)
}

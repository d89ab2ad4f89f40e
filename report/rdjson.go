package report

import (
	"io"

	"github.com/migrate-lint/migrate-lint/lint"
)

// WriteRDJSON writes reviewdog's Diagnostic Format (rdjson).
func WriteRDJSON(w io.Writer, r *Report, _ Options) error {
	type pos struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	type diag struct {
		Message  string `json:"message"`
		Location struct {
			Path  string `json:"path"`
			Range struct {
				Start pos `json:"start"`
				End   pos `json:"end"`
			} `json:"range"`
		} `json:"location"`
		Severity string `json:"severity"`
		Code     struct {
			Value string `json:"value"`
			URL   string `json:"url"`
		} `json:"code"`
	}
	out := struct {
		Source struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"source"`
		Diagnostics []diag `json:"diagnostics"`
	}{Diagnostics: []diag{}}
	out.Source.Name, out.Source.URL = r.ToolName, "https://github.com/migrate-lint/migrate-lint"
	for _, d := range r.Diagnostics {
		var x diag
		x.Message = d.Message
		if d.Help != "" {
			x.Message += " (fix: " + d.Help + ")"
		}
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		x.Location.Path = r.Paths.Display(d.File)
		x.Location.Range.Start = pos{line, col}
		x.Location.Range.End = pos{max(d.Span.EndLine, line), max(d.Span.EndColumn, col)}
		x.Severity = map[lint.Severity]string{lint.SeverityError: "ERROR", lint.SeverityWarning: "WARNING", lint.SeverityInfo: "INFO"}[d.Severity]
		x.Code.Value, x.Code.URL = d.Rule, RuleURL(d.Name)
		out.Diagnostics = append(out.Diagnostics, x)
	}
	return EncodeJSON(w, out, true)
}

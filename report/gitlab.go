package report

import (
	"io"

	"github.com/migrate-lint/migrate-lint/lint"
)

// WriteGitLab writes GitLab's Code Quality report (a JSON array).
func WriteGitLab(w io.Writer, r *Report, _ Options) error {
	type issue struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
				End   int `json:"end"`
			} `json:"lines"`
		} `json:"location"`
	}
	out := []issue{}
	for _, d := range r.Diagnostics {
		var x issue
		x.Description = d.Rule + ": " + d.Message
		x.CheckName = d.Rule + " " + d.Name
		x.Fingerprint = d.Fingerprint
		x.Severity = map[lint.Severity]string{lint.SeverityError: "critical", lint.SeverityWarning: "major", lint.SeverityInfo: "info"}[d.Severity]
		x.Location.Path = r.Paths.Display(d.File)
		x.Location.Lines.Begin = max(d.Span.Line, 1)
		x.Location.Lines.End = max(d.Span.EndLine, x.Location.Lines.Begin)
		out = append(out, x)
	}
	return EncodeJSON(w, out, true)
}

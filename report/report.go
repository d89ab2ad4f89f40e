// Package report renders diagnostics for people and machines: text for a
// terminal, JSON (the stable, versioned contract), and the formats CI
// systems read.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// Report is what every format renders.
type Report struct {
	ToolName, ToolVersion string
	Dialect               string
	Diagnostics           []lint.Diagnostic
	Files, Revisions      int
	// Sources maps a file to its lines, for showing the offending line.
	Sources map[string][]string
	// Paths shows files relative to where the output is read.
	Paths Paths
	// Sandbox is the sandbox's table, when it ran.
	Sandbox *SandboxRun
	// Rules are the rules that ran, for formats that describe them (SARIF).
	Rules []*lint.Rule
}

// Summary counts findings by severity.
type Summary struct {
	Errors, Warnings, Infos int
}

// Summarize counts the report's findings.
func (r *Report) Summarize() Summary {
	var s Summary
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case lint.SeverityError:
			s.Errors++
		case lint.SeverityWarning:
			s.Warnings++
		case lint.SeverityInfo:
			s.Infos++
		}
	}
	return s
}

// Options tune the text format.
type Options struct {
	Color bool
}

// Formats lists the format names Write accepts.
func Formats() []string {
	names := make([]string, 0, len(writers))
	for name := range writers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

var writers = map[string]func(io.Writer, *Report, Options) error{
	"text":     WriteText,
	"json":     WriteJSON,
	"sarif":    WriteSARIF,
	"github":   WriteGitHub,
	"markdown": WriteMarkdown,
	"rdjson":   WriteRDJSON,
	"gitlab":   WriteGitLab,
}

// Write renders the report in the named format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	write, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	return write(w, r, opts)
}

// KnownFormat reports whether Write accepts the format.
func KnownFormat(format string) bool {
	_, ok := writers[format]
	return ok
}

package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Severity orders findings; a finding at or above the fail level fails the
// run.
type Severity uint8

const (
	SeverityNone Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{"none", "info", "warning", "error"}

func (s Severity) String() string { return severityNames[s] }

// ParseSeverity reads "error", "warning", "info" or "none".
func ParseSeverity(s string) (Severity, error) {
	for i, name := range severityNames {
		if strings.EqualFold(s, name) {
			return Severity(i), nil
		}
	}
	return SeverityNone, fmt.Errorf("unknown severity %q: use error, warning, info or none", s)
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Name     string
	Severity Severity
	// File is the absolute file the finding is in (Revision.File, or a
	// configuration file); reports show it relative to where they are
	// read (report.Paths).
	File     string
	Span     Span
	Revision string
	Message  string
	Help     string
	// Fingerprint identifies the finding across runs; it leaves the line
	// out, so a finding keeps its identity when lines move above it.
	Fingerprint string
}

// SortDiagnostics orders by file, line, column, rule, as the JSON contract
// promises (for files under one directory, file order is path order).
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Span.Line != b.Span.Line {
			return a.Span.Line < b.Span.Line
		}
		if a.Span.Column != b.Span.Column {
			return a.Span.Column < b.Span.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// assignFingerprints hashes rule, file (relative to the project root, so
// that the identity does not depend on where the tool runs), revision and
// message. Two equal findings in one file are told apart by their order of
// appearance.
func assignFingerprints(root string, ds []Diagnostic) {
	seen := map[string]int{}
	for i := range ds {
		d := &ds[i]
		key := strings.Join([]string{d.Rule, RelativeTo(root, d.File), d.Revision, d.Message}, "\x00")
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
		d.Fingerprint = hex.EncodeToString(sum[:8])
	}
}

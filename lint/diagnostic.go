package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
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
	// A stable sort of the indexes, then each finding moved once: a
	// Diagnostic is some 150 bytes, which the merges of a stable sort
	// would move many times.
	order := make([]int, len(ds))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareDiagnostics(&ds[i], &ds[j]) })
	// Position i takes ds[order[i]]: follow each cycle of the permutation.
	done := make([]bool, len(ds))
	for start := range ds {
		if done[start] {
			continue
		}
		first := ds[start]
		i := start
		for {
			done[i] = true
			next := order[i]
			if next == start {
				ds[i] = first
				break
			}
			ds[i] = ds[next]
			i = next
		}
	}
}

// compareDiagnostics orders by file, line, column, rule and message.
func compareDiagnostics(a, b *Diagnostic) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Line, b.Span.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Column, b.Span.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
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

package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// SandboxRun is the sandbox's per-revision table; nil when it did not run.
type SandboxRun struct {
	Provider  string            `json:"provider"`
	Revisions []SandboxRevision `json:"revisions"`
	// Notices say what the sandbox did not check, and why (no
	// target_metadata to compare the models with).
	Notices []string `json:"notices,omitempty"`
}

// SandboxRevision is one revision's up/down/up.
type SandboxRevision struct {
	Revision    string          `json:"revision"`
	Path        string          `json:"path"`
	Status      string          `json:"status"`
	UpgradeMs   float64         `json:"upgrade_ms"`
	DowngradeMs float64         `json:"downgrade_ms"`
	ReupgradeMs float64         `json:"reupgrade_ms"`
	Locks       []SandboxEffect `json:"locks"`
	Rewrites    []SandboxEffect `json:"rewrites"`
	// Rows is how many generated rows the existing tables held when the
	// revision was upgraded; RowsMs what generating them cost; Skipped
	// the tables left empty because no row could be generated for them.
	Rows    int              `json:"rows"`
	RowsMs  float64          `json:"rows_ms"`
	Skipped []SandboxSkipped `json:"skipped_tables"`
	// OfflineMs is the time of `upgrade --sql` (ML609), 0 when it did not
	// run.
	OfflineMs float64 `json:"offline_ms,omitempty"`
}

// SandboxSkipped is an existing table left without generated rows.
type SandboxSkipped struct {
	Table  string `json:"table"`
	Reason string `json:"reason"`
}

// SandboxEffect is a lock held or a table rewritten, with the statement.
type SandboxEffect struct {
	Table     string `json:"table"`
	Mode      string `json:"mode,omitempty"`
	Statement string `json:"statement"`
}

// writeSandboxTable prints the per-revision table of the text format.
func writeSandboxTable(w io.Writer, s *SandboxRun) {
	fmt.Fprintf(w, "Sandbox on %s:\n", EscapeTerminal(s.Provider))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "revision\trows\tup ms\tdown ms\tup again ms\tlocks\trewrites\tstatus\t")
	var notes []string
	for _, r := range s.Revisions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", EscapeTerminal(r.Revision), count(r.Rows), ms(r.UpgradeMs), ms(r.DowngradeMs), ms(r.ReupgradeMs),
			EscapeTerminal(tables(r.Locks)), EscapeTerminal(tables(r.Rewrites)), EscapeTerminal(r.Status))
		for _, sk := range r.Skipped {
			notes = append(notes, fmt.Sprintf("  %s: table %q left empty: %s", EscapeTerminal(r.Revision), sk.Table, EscapeTerminal(sk.Reason)))
		}
	}
	tw.Flush()
	if len(notes) > 0 {
		fmt.Fprintln(w, "Tables without generated rows (no failure is blamed on them):")
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
	fmt.Fprintln(w)
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func ms(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", v)
}

func tables(effects []SandboxEffect) string {
	if len(effects) == 0 {
		return "-"
	}
	names := make([]string, len(effects))
	for i, e := range effects {
		names[i] = e.Table
	}
	return strings.Join(names, ",")
}

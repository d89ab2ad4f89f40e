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
	fmt.Fprintln(tw, "revision\tup ms\tdown ms\tup again ms\tlocks\trewrites\tstatus\t")
	for _, r := range s.Revisions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", EscapeTerminal(r.Revision), ms(r.UpgradeMs), ms(r.DowngradeMs), ms(r.ReupgradeMs),
			EscapeTerminal(tables(r.Locks)), EscapeTerminal(tables(r.Rewrites)), EscapeTerminal(r.Status))
	}
	tw.Flush()
	fmt.Fprintln(w)
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

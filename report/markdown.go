package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// MaxMarkdown keeps a comment under GitHub's 65,536-character limit for
// issue comments and check-run summaries, with room for the marker.
const MaxMarkdown = 60000

// WriteMarkdown writes the job summary and the pull request comment: a
// headline, then a table per revision file with the fixes folded away.
func WriteMarkdown(w io.Writer, r *Report, _ Options) error {
	var b bytes.Buffer
	s := r.Summarize()
	if len(r.Diagnostics) == 0 {
		fmt.Fprintf(&b, "### migrate-lint: no findings\n\n%s and %s checked.\n", plural(r.Files, "file"), plural(r.Revisions, "revision"))
	} else {
		fmt.Fprintf(&b, "### migrate-lint: %s, %s, %s\n\n", plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"))
	}
	var order []string
	byPath := map[string][]int{}
	for i, d := range r.Diagnostics {
		path := r.Paths.InRepository(d.File)
		if _, ok := byPath[path]; !ok {
			order = append(order, path)
		}
		byPath[path] = append(byPath[path], i)
	}
	for _, path := range order {
		first := r.Diagnostics[byPath[path][0]]
		title := "`" + path + "`"
		if first.Revision != "" {
			title = fmt.Sprintf("`%s` (revision `%s`)", path, first.Revision)
		}
		fmt.Fprintf(&b, "#### %s\n\n| Line | Rule | Severity | Finding |\n|---:|---|---|---|\n", title)
		for _, i := range byPath[path] {
			d := r.Diagnostics[i]
			fmt.Fprintf(&b, "| %d | [%s](%s) | %s | %s |\n", max(d.Span.Line, 1), d.Rule, RuleURL(d.Name), d.Severity, cell(d.Message))
		}
		b.WriteString("\n<details><summary>How to fix</summary>\n\n")
		for _, i := range byPath[path] {
			d := r.Diagnostics[i]
			if d.Help != "" {
				fmt.Fprintf(&b, "- line %d, **%s**: %s\n", max(d.Span.Line, 1), d.Rule, d.Help)
			}
		}
		b.WriteString("\n</details>\n\n")
	}
	if r.Sandbox != nil {
		fmt.Fprintf(&b, "#### Sandbox on %s\n\n| Revision | Up ms | Down ms | Up again ms | Locks | Rewrites | Status |\n|---|---:|---:|---:|---|---|---|\n", cell(r.Sandbox.Provider))
		for _, rv := range r.Sandbox.Revisions {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", rv.Revision, ms(rv.UpgradeMs), ms(rv.DowngradeMs), ms(rv.ReupgradeMs), tables(rv.Locks), tables(rv.Rewrites), rv.Status)
		}
		b.WriteString("\n")
	}
	out := b.String()
	if len(out) > MaxMarkdown {
		cut := strings.LastIndex(out[:MaxMarkdown], "\n")
		out = out[:cut] + "\n\n_The report was cut to fit GitHub's size limit; the job log and the SARIF file have every finding._\n"
	}
	_, err := io.WriteString(w, out)
	return err
}

// cell makes text safe inside a table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

package report

import (
	"fmt"
	"io"
	"strings"
)

// MaxMarkdown keeps a comment under GitHub's 65,536-character limit for
// issue comments and check-run summaries, with room for the marker.
const MaxMarkdown = 60000

// cutNotice ends a report that did not fit.
const cutNotice = "_The report was cut to fit GitHub's size limit; the job log and the SARIF file have every finding._\n"

// WriteMarkdown writes the job summary and the pull request comment: a
// headline, then a table per revision file with the fixes folded away.
// Every value in it goes through EscapeMarkdown (see escape.go); the
// blocks it opens (tables, <details>) are always closed, also when the
// report is cut to fit MaxMarkdown.
func WriteMarkdown(w io.Writer, r *Report, _ Options) error {
	var b strings.Builder
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
	// The room left for sections once the sandbox table and the cut
	// notice are accounted for.
	var sandbox strings.Builder
	if r.Sandbox != nil {
		writeMarkdownSandbox(&sandbox, r.Sandbox)
	}
	budget := MaxMarkdown - b.Len() - sandbox.Len() - len(cutNotice) - 2
	cut := false
	for _, path := range order {
		section, complete := markdownSection(r, path, byPath[path], budget)
		b.WriteString(section)
		budget -= len(section)
		if !complete {
			cut = true
			break
		}
	}
	b.WriteString(sandbox.String())
	if cut {
		b.WriteString("\n" + cutNotice)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownSection is one file's table and fixes, in at most budget bytes:
// the rows that fit, with the table and the <details> block closed.
// complete is false when rows were left out.
func markdownSection(r *Report, path string, indexes []int, budget int) (section string, complete bool) {
	first := r.Diagnostics[indexes[0]]
	title := MarkdownCode(path)
	if first.Revision != "" {
		title = fmt.Sprintf("%s (revision %s)", MarkdownCode(path), MarkdownCode(first.Revision))
	}
	head := fmt.Sprintf("#### %s\n\n| Line | Rule | Severity | Finding |\n|---:|---|---|---|\n", title)
	const detailsOpen, detailsClose = "\n<details><summary>How to fix</summary>\n\n", "\n</details>\n\n"
	budget -= len(head) + len(detailsOpen) + len(detailsClose)
	if budget <= 0 {
		return "", false
	}
	var rows, fixes strings.Builder
	complete = true
	for _, i := range indexes {
		d := r.Diagnostics[i]
		row := fmt.Sprintf("| %d | [%s](%s) | %s | %s |\n", max(d.Span.Line, 1), EscapeMarkdown(d.Rule), RuleURL(d.Name), d.Severity, markdownMessage(d.Message))
		fix := ""
		if d.Help != "" {
			fix = fmt.Sprintf("- line %d, **%s**: %s\n", max(d.Span.Line, 1), EscapeMarkdown(d.Rule), markdownMessage(d.Help))
		}
		if len(row)+len(fix) > budget {
			complete = false
			break
		}
		budget -= len(row) + len(fix)
		rows.WriteString(row)
		fixes.WriteString(fix)
	}
	if rows.Len() == 0 {
		return "", false
	}
	return head + rows.String() + detailsOpen + fixes.String() + detailsClose, complete
}

func writeMarkdownSandbox(b *strings.Builder, run *SandboxRun) {
	fmt.Fprintf(b, "#### Sandbox on %s\n\n| Revision | Rows | Up ms | Down ms | Up again ms | Locks | Rewrites | Status |\n|---|---:|---:|---:|---:|---|---|---|\n", EscapeMarkdown(run.Provider))
	var skipped []string
	for i, rv := range run.Revisions {
		if b.Len() > MaxMarkdown/2 {
			fmt.Fprintf(b, "\n_%s more in the job log._\n", plural(len(run.Revisions)-i, "revision"))
			break
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", MarkdownCode(rv.Revision), count(rv.Rows), ms(rv.UpgradeMs), ms(rv.DowngradeMs), ms(rv.ReupgradeMs),
			EscapeMarkdown(tables(rv.Locks)), EscapeMarkdown(tables(rv.Rewrites)), EscapeMarkdown(rv.Status))
		for _, sk := range rv.Skipped {
			skipped = append(skipped, fmt.Sprintf("- %s: table %s left empty: %s\n", MarkdownCode(rv.Revision), MarkdownCode(sk.Table), EscapeMarkdown(sk.Reason)))
		}
	}
	b.WriteString("\n")
	if len(skipped) > 0 {
		// Say which tables the rows did not reach, so a clean run is not
		// read as tested on rows where it was not.
		b.WriteString("Tables without generated rows (no failure is blamed on them):\n\n")
		for i, s := range skipped {
			if b.Len() > MaxMarkdown*3/4 {
				fmt.Fprintf(b, "- _%d more in the job log._\n", len(skipped)-i)
				break
			}
			b.WriteString(s)
		}
		b.WriteString("\n")
	}
}

package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

// WriteText writes findings the way a person reads them in a terminal:
//
//	versions/1a2b_add.py:21:5: ML401 error adding NOT NULL column ...
//	   21 |     op.add_column("log", sa.Column("sentiment", ...))
//	      |     ^^^^^^^^^^^^^
//	      = help: add server_default=...
func WriteText(w io.Writer, r *Report, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, d := range r.Diagnostics {
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		fmt.Fprintf(bw, "%s %s %s %s\n",
			paint(ansiBold, fmt.Sprintf("%s:%d:%d:", r.Paths.Display(d.File), line, col)),
			paint(ansiBold, d.Rule), paint(severityColour(d.Severity), d.Severity.String()), d.Message)
		if src, ok := sourceLine(r.Sources[d.File], d.Span.Line); ok {
			gutter := fmt.Sprintf("%*d", max(4, len(fmt.Sprint(line))), line)
			pad := strings.Repeat(" ", len(gutter))
			fmt.Fprintf(bw, "%s %s %s\n", paint(ansiBlue, gutter), paint(ansiBlue, "|"), src)
			fmt.Fprintf(bw, "%s %s %s\n", pad, paint(ansiBlue, "|"), paint(severityColour(d.Severity), caret(src, d.Span)))
			if d.Help != "" {
				fmt.Fprintf(bw, "%s %s %s\n", pad, paint(ansiBlue, "="), paint(ansiCyan, "help: ")+d.Help)
			}
		} else if d.Help != "" {
			fmt.Fprintf(bw, "     %s %s\n", paint(ansiBlue, "="), paint(ansiCyan, "help: ")+d.Help)
		}
		fmt.Fprintln(bw)
	}
	if r.Sandbox != nil {
		writeSandboxTable(bw, r.Sandbox)
	}
	fmt.Fprintln(bw, paint(ansiBold, summaryLine(r)))
	return bw.Flush()
}

func severityColour(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return ansiRed
	case lint.SeverityWarning:
		return ansiYellow
	}
	return ansiDim
}

func sourceLine(lines []string, line int) (string, bool) {
	if line < 1 || line > len(lines) {
		return "", false
	}
	return lines[line-1], true
}

// caret underlines the span on its first line. The indentation is copied
// from the source line so that tabs line up as the terminal shows them.
func caret(src string, s lint.Span) string {
	startCol := max(s.Column, 1)
	endCol := utf8.RuneCountInString(src) + 1
	if s.EndLine == s.Line && s.EndColumn > startCol {
		endCol = min(s.EndColumn, endCol)
	}
	var b strings.Builder
	i := 1
	for _, r := range src {
		if i >= startCol {
			break
		}
		if r == '\t' {
			b.WriteRune('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	b.WriteString(strings.Repeat("^", max(1, endCol-startCol)))
	return b.String()
}

func summaryLine(r *Report) string {
	s := r.Summarize()
	scope := fmt.Sprintf("%s (%s)", plural(r.Files, "file"), plural(r.Revisions, "revision"))
	if len(r.Diagnostics) == 0 {
		return "No findings in " + scope + "."
	}
	return fmt.Sprintf("Found %s, %s, %s in %s.", plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"), scope)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

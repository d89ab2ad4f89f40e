package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
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
			paint(ansiBold, fmt.Sprintf("%s:%d:%d:", EscapeTerminal(r.Paths.Display(d.File)), line, col)),
			paint(ansiBold, EscapeTerminal(d.Rule)), paint(severityColour(d.Severity), d.Severity.String()), EscapeTerminal(d.Message))
		help := EscapeTerminal(d.Help)
		if src, ok := sourceLine(r.Sources[d.File], d.Span.Line); ok {
			src, span := excerpt(src, d.Span)
			shown, pieces := src, []string(nil)
			if !plainSource(src) {
				pieces = sourcePieces(src)
				shown = strings.Join(pieces, "")
			}
			gutter := fmt.Sprintf("%*d", max(4, len(fmt.Sprint(line))), line)
			pad := strings.Repeat(" ", len(gutter))
			fmt.Fprintf(bw, "%s %s %s\n", paint(ansiBlue, gutter), paint(ansiBlue, "|"), shown)
			fmt.Fprintf(bw, "%s %s %s\n", pad, paint(ansiBlue, "|"), paint(severityColour(d.Severity), caret(src, pieces, span)))
			if d.Help != "" {
				fmt.Fprintf(bw, "%s %s %s\n", pad, paint(ansiBlue, "="), paint(ansiCyan, "help: ")+help)
			}
		} else if d.Help != "" {
			fmt.Fprintf(bw, "     %s %s\n", paint(ansiBlue, "="), paint(ansiCyan, "help: ")+help)
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

// maxExcerpt is how many characters of a source line are shown; a longer
// line (generated SQL, a minified literal: one was 200 KB) is cut to that
// many around where the finding starts.
const maxExcerpt = 160

// excerpt cuts a source line longer than maxExcerpt characters to a
// window that starts a little before the span's first column, marking
// each cut side with "...", and moves the span's columns to match. It
// cuts at character boundaries of the original bytes, so that invalid
// UTF-8 is still shown escaped.
func excerpt(src string, s lint.Span) (string, lint.Span) {
	if len(src) <= maxExcerpt || utf8.RuneCountInString(src) <= maxExcerpt {
		return src, s
	}
	var starts []int // byte offset of each character
	for i := 0; i < len(src); {
		starts = append(starts, i)
		_, size := utf8.DecodeRuneInString(src[i:])
		i += size
	}
	from := min(max(s.Column-1-maxExcerpt/4, 0), len(starts)-maxExcerpt)
	to := from + maxExcerpt
	out := src[starts[from]:]
	if to < len(starts) {
		out = src[starts[from]:starts[to]] + "..."
	}
	shift := from
	if from > 0 {
		out, shift = "..."+out, from-3
	}
	s.Column -= shift
	if s.EndLine == s.Line {
		// Not past the window's last character: the marks are not source.
		s.EndColumn = min(s.EndColumn-shift, to-shift)
	}
	return out, s
}

func sourceLine(lines []string, line int) (string, bool) {
	if line < 1 || line > len(lines) {
		return "", false
	}
	return lines[line-1], true
}

// sourcePieces is a source line as the terminal shows it, one piece per
// character of the line: the character itself, or its escape as
// EscapeTerminal writes it (tabs kept, so that the caret's indentation
// copies them), so that the caret can underline the escaped line.
func sourcePieces(src string) []string {
	pieces := make([]string, 0, len(src))
	for i := 0; i < len(src); {
		_, size := utf8.DecodeRuneInString(src[i:])
		pieces = append(pieces, visible(src[i:i+size], keepTabs))
		i += size
	}
	// What neutraliseCommands does to a whole line, piece by piece.
	for i := 0; i+2 < len(pieces); i++ {
		if pieces[i] == "#" && pieces[i+1] == "#" && pieces[i+2] == "[" {
			pieces[i] = `\x23`
		}
	}
	for i, p := range pieces {
		if strings.TrimLeftFunc(p, unicode.IsSpace) == "" {
			continue
		}
		if p == ":" && i+1 < len(pieces) && pieces[i+1] == ":" {
			pieces[i] = `\x3a`
		}
		break
	}
	return pieces
}

// plainSource: printable ASCII and tabs, with nothing for the runner to
// read as a command; such a line (the common one) is shown as it is,
// each byte one column.
func plainSource(src string) bool {
	for i := 0; i < len(src); i++ {
		if c := src[i]; (c < 0x20 && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return !strings.Contains(src, "##[") && !strings.HasPrefix(strings.TrimLeft(src, " \t"), "::")
}

// caret underlines the span on its first line. The indentation is copied
// from the source line so that tabs line up as the terminal shows them;
// an escaped character is underlined over the width of its escape.
// pieces is the line from sourcePieces, or nil for a plain line, whose
// every byte is one column.
func caret(src string, pieces []string, s lint.Span) string {
	n := len(src)
	piece := func(i int) string { return src[i : i+1] }
	if pieces != nil {
		n, piece = len(pieces), func(i int) string { return pieces[i] }
	}
	startCol := max(s.Column, 1)
	endCol := n + 1
	if s.EndLine == s.Line && s.EndColumn > startCol {
		endCol = min(s.EndColumn, endCol)
	}
	var b strings.Builder
	width := 0
	for i := 0; i < n; i++ {
		p, col := piece(i), i+1
		switch {
		case col < startCol && p == "\t":
			b.WriteByte('\t')
		case col < startCol:
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(p)))
		case col < endCol:
			width += utf8.RuneCountInString(p)
		}
	}
	b.WriteString(strings.Repeat("^", max(1, width)))
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

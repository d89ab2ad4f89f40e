package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every value a pull request author controls (file names, revision ids,
// table and column names, SQL, messages) reaches an output through one of
// the escapers below, one per output kind:
//
//   - EscapeTerminal: a line of a terminal or of a CI log (the text
//     format, notices, errors, the graph command);
//   - EscapeMarkdown and MarkdownCode: GitHub-flavoured Markdown with
//     HTML (the job summary, the pull request comments, the check run);
//   - EscapeCommandData and EscapeCommandProperty: the workflow commands
//     GitHub Actions reads from a step's output; CommandGuard for
//     everything else printed there;
//   - sarifURI: SARIF's artifact URIs.
//
// JSON formats need none: encoding/json escapes control characters.

// visible writes the characters a terminal or a log would act on as
// escapes a person can read: C0 and C1 control characters and DEL as
// \xNN or \uNNNN (with \n, \r and \t for the common three), bytes that
// are not UTF-8 as \xNN, and the Unicode characters that reorder or break
// a line (bidirectional overrides and isolates, line and paragraph
// separators), so that a line shows what the file says and a name cannot
// disguise itself. keep says which white space stays as it is.
func visible(s string, keep keepMode) string {
	if isPlain(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' && keep >= keepTabs, (r == '\n' || r == '\r') && keep == keepBreaks:
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isHiddenControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// keepMode is the white space visible leaves alone.
type keepMode int

const (
	keepNone   keepMode = iota
	keepTabs            // source lines, whose indentation the caret copies
	keepBreaks          // workflow command data, which encodes them itself
)

// isPlain: nothing for visible to do (the common case, without
// allocating): printable ASCII, and the white space keep keeps.
func isPlain(s string, keep keepMode) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
		case c == '\t' && keep >= keepTabs, (c == '\n' || c == '\r') && keep == keepBreaks:
		default:
			return false
		}
	}
	return true
}

// isHiddenControl: C1 controls (U+009B is a one-character CSI to some
// terminals) and the characters that change the order or the lines of
// text without showing themselves.
func isHiddenControl(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// EscapeTerminal makes a value safe on one line of a terminal or of a CI
// log: control characters and ESC are shown escaped (a value never starts
// a line or moves the cursor), and what GitHub Actions' runner reads as a
// workflow command in any line of a step's output is broken: "##[" (the
// legacy form, found anywhere in a line) and a leading "::".
func EscapeTerminal(s string) string { return neutraliseCommands(visible(s, keepNone)) }

// neutraliseCommands breaks the two forms the runner reads as a command
// (actions/runner, ActionCommand.TryParseV2 and TryParse): a line that
// starts with "::" after white space, and "##[" anywhere.
func neutraliseCommands(s string) string {
	s = breakLegacyCommand(s)
	if rest := strings.TrimLeftFunc(s, unicode.IsSpace); strings.HasPrefix(rest, "::") {
		s = s[:len(s)-len(rest)] + `\x3a` + rest[1:]
	}
	return s
}

// maxMarkdownValue bounds one interpolated value in Markdown: a name or a
// statement of a megabyte would otherwise crowd every other finding out
// of a comment.
const maxMarkdownValue = 1000

// markdownEscaper turns every character that Markdown or HTML would read
// as syntax into a character reference, which GitHub shows as the
// character and never interprets: HTML tags and comments (and so the
// tool's own markers), entities, table cells, code spans, emphasis,
// strikethrough, links and images, math. "@" is followed by a zero-width
// space so that no user or team is mentioned (as Dependabot and Renovate
// do in release notes).
var markdownEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	"|", "&#124;", "`", "&#96;", `\`, "&#92;",
	"*", "&#42;", "_", "&#95;", "~", "&#126;", "[", "&#91;", "]", "&#93;", "$", "&#36;",
	"@", "@&#8203;",
)

// lineBreaks: a line break in a value would end a table row or a list
// item, or start a block of the value's own; a value stays on the line it
// was given.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// EscapeMarkdown makes a value inert inline text in GitHub-flavoured
// Markdown, in a table cell, a list item, a heading or an HTML block
// alike: it shows as written, on one line, and never opens or closes
// anything. Control characters are shown escaped; a very long value is
// cut.
func EscapeMarkdown(s string) string {
	if utf8.RuneCountInString(s) > maxMarkdownValue {
		s = string([]rune(s)[:maxMarkdownValue]) + "…"
	}
	return markdownEscaper.Replace(visible(lineBreaks.Replace(s), keepNone))
}

// MarkdownCode shows a value as inline code. It is an HTML <code>
// element rather than a backtick span: inside a span nothing can be
// escaped, so a value with a backtick could close it.
func MarkdownCode(s string) string { return "<code>" + EscapeMarkdown(s) + "</code>" }

// markdownMessage is EscapeMarkdown for a message or a help text, which
// write code between backticks (`alembic merge ...`): where the backticks
// pair up, each pair becomes a <code> element with the text between them
// escaped, so a value can at worst move where code starts, never what it
// contains.
func markdownMessage(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		return EscapeMarkdown(s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 {
			b.WriteString(MarkdownCode(p))
		} else {
			b.WriteString(EscapeMarkdown(p))
		}
	}
	return b.String()
}

// MarkdownMessage is markdownMessage for the other publishers of
// Markdown (review comments).
func MarkdownMessage(s string) string { return markdownMessage(s) }

// EscapeCommandData escapes a workflow command's message as
// @actions/core does (% CR LF), and shows the other control characters
// escaped, so that the log line the runner writes for it cannot move the
// cursor or colour what follows. "##[" is broken too: the runner reads
// the line as the tool's command first, but nothing is lost by never
// letting the legacy form appear at all.
func EscapeCommandData(s string) string {
	return dataEscaper.Replace(breakLegacyCommand(visible(s, keepBreaks)))
}

// EscapeCommandProperty escapes a property value (file=, title=) as
// @actions/core does: % CR LF, and the separators : and ,. Nothing else:
// the runner must decode the exact file name to place the annotation, and
// a property can hold no command (the line is the tool's, and the
// separators are escaped).
func EscapeCommandProperty(s string) string { return propertyEscaper.Replace(s) }

func breakLegacyCommand(s string) string { return strings.ReplaceAll(s, "##[", `\x23#[`) }

// CommandGuard is a writer for a GitHub Actions step's output that is not
// meant to hold workflow commands (stderr in GitHub mode: notices,
// progress, errors): every line is passed through neutraliseCommands, so
// that whatever a value holds, the runner reads no command in it. Lines
// end at LF or CR, as the runner splits them. Flush writes a last line
// without an end.
type CommandGuard struct {
	w       io.Writer
	pending []byte
}

// GuardCommands wraps w.
func GuardCommands(w io.Writer) *CommandGuard { return &CommandGuard{w: w} }

// Write guards the complete lines of p and keeps the rest for later.
func (g *CommandGuard) Write(p []byte) (int, error) {
	g.pending = append(g.pending, p...)
	end := bytes.LastIndexAny(g.pending, "\r\n")
	if end < 0 {
		return len(p), nil
	}
	out := g.guard(g.pending[:end+1])
	g.pending = append(g.pending[:0], g.pending[end+1:]...)
	if _, err := g.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is left of an unfinished line.
func (g *CommandGuard) Flush() error {
	if len(g.pending) == 0 {
		return nil
	}
	out := g.guard(g.pending)
	g.pending = g.pending[:0]
	_, err := g.w.Write(out)
	return err
}

func (g *CommandGuard) guard(text []byte) []byte {
	var out []byte
	for len(text) > 0 {
		i := bytes.IndexAny(text, "\r\n")
		line, sep := text, []byte(nil)
		if i >= 0 {
			line, sep = text[:i], text[i:i+1]
		}
		out = append(out, neutraliseCommands(string(line))...)
		out = append(out, sep...)
		text = text[len(line)+len(sep):]
	}
	return out
}

// EncodeJSON writes v as indented JSON for a terminal or a CI log: what
// encoding/json leaves as it is but a log would act on is written as a
// \u escape, which decodes to the same string. That is "##[" (the
// runner's legacy command form, which can only occur inside a string),
// C1 controls and the characters that reorder a line. escapeHTML is
// encoding/json's option of the same name.
func EncodeJSON(w io.Writer, v any, escapeHTML bool) error {
	// Encode compact, then indent into a buffer sized once: what an
	// Encoder with SetIndent writes (it indents its compact output with
	// the same function), without its buffers growing by doubling and the
	// copy into ours (a report of 1,600 revisions is megabytes).
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		return err
	}
	var b bytes.Buffer
	b.Grow(compact.Len() + compact.Len()/2)
	if err := json.Indent(&b, compact.Bytes(), "", "  "); err != nil {
		return err
	}
	_, err := w.Write(guardJSON(b.Bytes()))
	return err
}

// guardJSON writes as \u escapes what a log would act on in an encoded
// JSON document (see EncodeJSON).
func guardJSON(out []byte) []byte {
	if !bytes.Contains(out, []byte("##[")) && !hasHiddenControl(out) {
		return out
	}
	var e bytes.Buffer
	for _, r := range string(bytes.ReplaceAll(out, []byte("##["), []byte(`\u0023#[`))) {
		if isHiddenControl(r) {
			fmt.Fprintf(&e, `\u%04x`, r)
		} else {
			e.WriteRune(r)
		}
	}
	return e.Bytes()
}

// hasHiddenControl: b holds a character isHiddenControl names (all are
// outside ASCII, so ASCII bytes are skipped without decoding).
func hasHiddenControl(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if isHiddenControl(r) {
			return true
		}
		i += size
	}
	return false
}

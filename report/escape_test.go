package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/migrate-lint/migrate-lint/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Values a pull request author controls, as an attacker would write them.
const (
	hostileFile     = "/repo/app/migrations/versions/a\n::stop-commands::x%0A\x1b[2J,b:c\r##[warning]d.py"
	hostileRevision = "</details><!-- migrate-lint:summary -->@acme/admins"
	hostileMessage  = "dropping table \"</details><img src=x onerror=alert(1)>\" for @acme/admins | `x` *y* [z](https://e.example) $m$\n::error file=a.py::fake\r##[add-mask]k \x1b]0;pwned\x07\u202etxt.exe <!-- migrate-lint:fp=deadbeef -->"
	hostileHelp     = "run `alembic merge -m \"m\" </details>@team` then \\`retry"
)

func hostile() *Report {
	rule := &lint.Rule{ID: "ML301", Name: "drop-table", Title: "drops a table", Severity: lint.SeverityError,
		Doc: lint.Doc{Problem: "p", Solution: "s", Example: "op.drop_table()\n"}}
	return &Report{
		ToolName: "migrate-lint", ToolVersion: "0.1.0", Rules: []*lint.Rule{rule}, Files: 1, Revisions: 1,
		Paths: Paths{Cwd: "/repo/app", Repository: "/repo"},
		Sources: map[string][]string{hostileFile: {
			"x = 1",
			"\top.drop_table(\"\x1b[31mred\") # ##[error]e",
		}},
		Diagnostics: []lint.Diagnostic{{
			Rule: "ML301", Name: "drop-table", Severity: lint.SeverityError, File: hostileFile,
			Span: lint.Span{Line: 2, Column: 5, EndLine: 2, EndColumn: 27}, Revision: hostileRevision,
			Message: hostileMessage, Help: hostileHelp, Fingerprint: "0123abcd",
		}},
		Sandbox: &SandboxRun{Provider: "postgres:16", Revisions: []SandboxRevision{{
			Revision: "::stop-commands::r\n@team", Status: "failed",
			Locks:   []SandboxEffect{{Table: "</details>\x1b[1m", Mode: "AccessExclusiveLock"}},
			Skipped: []SandboxSkipped{{Table: "t\x1b]0;x\a", Reason: "check \x1b[2J\nfailed"}},
		}}},
	}
}

func render(t *testing.T, format string, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./report -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./report -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// runnerCommand reports a line that GitHub Actions' runner would read as
// a workflow command (actions/runner ActionCommand.TryParseV2, TryParse).
func runnerCommand(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") || strings.Contains(line, "##[")
}

// runnerLines splits output as the runner does: at LF, CR and CRLF.
func runnerLines(s string) []string {
	return regexp.MustCompile(`\r\n|\r|\n`).Split(s, -1)
}

func TestTextHostile(t *testing.T) {
	out := render(t, "text", hostile())
	golden(t, "hostile.txt", out)
	for _, l := range runnerLines(out) {
		if runnerCommand(l) {
			t.Errorf("the runner reads a command in %q", l)
		}
		if strings.ContainsFunc(l, func(r rune) bool { return r != '\t' && (unicode.IsControl(r) || isHiddenControl(r)) }) {
			t.Errorf("control character in %q", l)
		}
	}
	// One finding: its header, the source line, the caret, the help, a
	// blank line; the sandbox table (title, header, row, the skipped
	// tables' title and one note, blank line); the summary.
	if n := len(strings.Split(strings.TrimSuffix(out, "\n"), "\n")); n != 12 {
		t.Errorf("%d lines, want 12:\n%s", n, out)
	}
}

// TestCaretUnderEscapes: the caret stays under the span when characters
// before and inside it are shown as escapes, and tabs are copied.
func TestCaretUnderEscapes(t *testing.T) {
	src := "\tx(\"\x1b[31m\")"
	pieces := sourcePieces(src)
	line := strings.Join(pieces, "")
	if line != "\tx(\"\\x1b[31m\")" {
		t.Fatalf("line %q", line)
	}
	got := caret(src, pieces, lint.Span{Line: 1, Column: 4, EndLine: 1, EndColumn: 10})
	if want := "\t  ^^^^^^^^^"; got != want {
		t.Errorf("caret %q, want %q\n%s\n%s", got, want, line, got)
	}
	if got := strings.Join(sourcePieces("  ::x ##[y"), ""); got != `  \x3a:x \x23#[y` || plainSource("  ::x") || plainSource("a ##[y") {
		t.Errorf("commands in a source line: %q", got)
	}
	if got := caret("\tx = 1", nil, lint.Span{Line: 1, Column: 2, EndLine: 1, EndColumn: 3}); got != "\t^" || !plainSource("\tx = 1") {
		t.Errorf("plain line caret %q", got)
	}
}

func TestMarkdownHostile(t *testing.T) {
	out := render(t, "markdown", hostile())
	golden(t, "hostile.md", out)
	// The only HTML is the tool's own.
	for _, tag := range regexp.MustCompile(`<[^>]*>`).FindAllString(out, -1) {
		switch tag {
		case "<code>", "</code>", "<details>", "</details>", "<summary>", "</summary>":
		default:
			t.Errorf("HTML from a value: %s", tag)
		}
	}
	if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
		t.Errorf("unbalanced <details>:\n%s", out)
	}
	if regexp.MustCompile(`@[A-Za-z0-9]`).MatchString(out) {
		t.Errorf("a mention survives:\n%s", out)
	}
	if strings.Contains(out, "<!--") || strings.Contains(out, "`") || strings.ContainsAny(out, "\x1b\r\u202e") {
		t.Errorf("marker, backtick or control character:\n%q", out)
	}
	// Every table row stays one row of four (or eight) cells.
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") && strings.Count(l, "|") != 5 && strings.Count(l, "|") != 9 {
			t.Errorf("row with %d cell separators: %s", strings.Count(l, "|"), l)
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"plain name":              "plain name",
		"<!-- migrate-lint:x -->": "&lt;!-- migrate-lint:x --&gt;",
		"@team and a@b":           "@&#8203;team and a@&#8203;b",
		"a|b`c`\\d*e_f~g[h]i$j&k": "a&#124;b&#96;c&#96;&#92;d&#42;e&#95;f&#126;g&#91;h&#93;i&#36;j&amp;k",
		"line\r\nbreak\nand\ttab": "line break and tab",
		"esc\x1b[0m\u202e":        "esc&#92;x1b&#91;0m&#92;u202e",
		strings.Repeat("x", 1001): strings.Repeat("x", 1000) + "…",
	} {
		if got := EscapeMarkdown(in); got != want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
	if got := markdownMessage("run `a <b>` and `c`"); got != "run <code>a &lt;b&gt;</code> and <code>c</code>" {
		t.Errorf("code pairs: %q", got)
	}
	if got := markdownMessage("odd ` one"); got != "odd &#96; one" {
		t.Errorf("unpaired backtick: %q", got)
	}
}

func TestEscapeTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 "plain",
		"a\nb\rc\td":            `a\nb\rc\td`,
		"\x1b[2J\x07\x7f\u009b": `\x1b[2J\x07\x7f\u009b`,
		"\x9b is not UTF-8":     `\x9b is not UTF-8`,
		"bad \xff utf8":         `bad \xff utf8`,
		"\u202egnp.exe":         `\u202egnp.exe`,
		"::stop-commands::tok":  `\x3a:stop-commands::tok`,
		" \u00a0::warning::x":   " \u00a0\\x3a:warning::x",
		"mid::dle ##[error]x":   `mid::dle \x23#[error]x`,
		"x\n::error::injected":  `x\n::error::injected`,
		"naïve ünïcödé 表":       "naïve ünïcödé 表",
		"%0A stays as written":  "%0A stays as written",
	} {
		if got := EscapeTerminal(in); got != want {
			t.Errorf("EscapeTerminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubHostile(t *testing.T) {
	out := render(t, "github", hostile())
	golden(t, "hostile.github.txt", out)
	lines := runnerLines(strings.TrimSuffix(out, "\n"))
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "::error file=app/migrations/versions/a%0A%3A%3Astop-commands%3A%3Ax%250A\x1b[2J%2Cb%3Ac%0D##[warning]d.py,") {
		t.Errorf("one annotation line expected:\n%q", out)
	}
	// The file property keeps the exact name (the runner decodes it to
	// place the annotation); the message shows control characters.
	if _, data, _ := strings.Cut(strings.TrimPrefix(out, "::"), "::"); strings.ContainsAny(data, "\x1b\x07") || strings.Contains(data, "##[") {
		t.Errorf("raw control character or legacy command in the message: %q", data)
	}
}

func TestCommandDataRoundTrip(t *testing.T) {
	// The runner's unescaping (actions/runner ActionCommand.UnescapeData)
	// gives the message back, with control characters shown.
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace
	msg := "100% sure\r\nnext line %0A\x1b[1m"
	if got := unescape(EscapeCommandData(msg)); got != "100% sure\r\nnext line %0A\\x1b[1m" {
		t.Errorf("round trip %q", got)
	}
}

// TestMachineFormatsKeepValues: JSON, SARIF, rdjson and GitLab carry the
// values exactly (encoding/json escapes what JSON needs), and SARIF's URI
// is percent-encoded and decodes to the path.
func TestMachineFormatsKeepValues(t *testing.T) {
	r := hostile()
	wantPath := r.Paths.Display(hostileFile)
	for _, format := range []string{"json", "sarif", "rdjson", "gitlab"} {
		out := render(t, format, r)
		golden(t, "hostile."+format, out)
		if strings.ContainsFunc(out, func(c rune) bool { return c < 0x20 && c != '\n' || isHiddenControl(c) }) {
			t.Errorf("%s: raw control character", format)
		}
		for _, l := range runnerLines(out) {
			if runnerCommand(l) {
				t.Errorf("%s: the runner reads a command in %q", format, l)
			}
		}
		var doc any
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		msg, path := "", ""
		switch format {
		case "json":
			d := doc.(map[string]any)["diagnostics"].([]any)[0].(map[string]any)
			msg, path = d["message"].(string), d["path"].(string)
			if d["revision"] != hostileRevision || d["help"] != hostileHelp {
				t.Errorf("json revision/help %q %q", d["revision"], d["help"])
			}
		case "sarif":
			res := doc.(map[string]any)["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
			msg = strings.TrimSuffix(res["message"].(map[string]any)["text"].(string), ". Fix: "+hostileHelp)
			uri := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"].(string)
			if strings.ContainsAny(uri, " \n\r\x1b%#?") && !regexp.MustCompile(`^[A-Za-z0-9%/._~!$&'()*+,;=:@-]*$`).MatchString(uri) {
				t.Errorf("sarif uri not percent-encoded: %q", uri)
			}
			decoded, err := url.PathUnescape(uri)
			if err != nil || decoded != r.Paths.InRepository(hostileFile) {
				t.Errorf("sarif uri %q decodes to %q (%v)", uri, decoded, err)
			}
			path = wantPath
		case "rdjson":
			d := doc.(map[string]any)["diagnostics"].([]any)[0].(map[string]any)
			msg = strings.TrimSuffix(d["message"].(string), " (fix: "+hostileHelp+")")
			path = d["location"].(map[string]any)["path"].(string)
		case "gitlab":
			d := doc.([]any)[0].(map[string]any)
			msg = strings.TrimPrefix(d["description"].(string), "ML301: ")
			path = d["location"].(map[string]any)["path"].(string)
		}
		if msg != hostileMessage || path != wantPath {
			t.Errorf("%s: message %q path %q", format, msg, path)
		}
	}
}

func TestCommandGuard(t *testing.T) {
	var b bytes.Buffer
	g := GuardCommands(&b)
	// Written in pieces that split the markers.
	for _, piece := range []string{"notice: a\n:", ":stop-commands::tok\n  :", ":warning::x\rb #", "#[error]y\n", "fine ::x::\n", "::tail"} {
		if _, err := g.Write([]byte(piece)); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "notice: a\n\\x3a:stop-commands::tok\n  \\x3a:warning::x\rb \\x23#[error]y\nfine ::x::\n\\x3a:tail"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	for _, l := range runnerLines(b.String()) {
		if runnerCommand(l) {
			t.Errorf("command passed: %q", l)
		}
	}
}

// TestTextLongLine: a source line longer than maxExcerpt characters is
// shown cut around the finding, the caret still under the finding's
// first characters, invalid UTF-8 still escaped; short lines are shown
// whole.
func TestTextLongLine(t *testing.T) {
	long := "    op.execute(\"SELECT " + strings.Repeat("4", 200000) + "\")"
	mid := strings.Repeat("a", 500) + "\xff" + "TARGET" + strings.Repeat("b", 500)
	tests := []struct {
		name, line string
		column     int
		under      string // what the caret's first column lies under
	}{
		{"span near the start", long, 17, "SELECT"},
		{"span in the middle, after invalid UTF-8", mid, 502, "T"},
		{"span at the end", long, len(long), ")"},
		{"short line", "    op.drop_table(\"users\")", 5, "o"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Files: 1, Revisions: 1, Sources: map[string][]string{"/r/a.py": {tt.line}},
				Diagnostics: []lint.Diagnostic{{Rule: "ML505", Severity: lint.SeverityWarning, File: "/r/a.py",
					Span: lint.Span{Line: 1, Column: tt.column, EndLine: 1, EndColumn: tt.column + 10}, Message: "m"}}}
			out := strings.Split(render(t, "text", r), "\n")
			source, carets := strings.TrimPrefix(out[1], "   1 | "), strings.TrimPrefix(out[2], "     | ")
			if len(tt.line) > maxExcerpt && (len(source) > maxExcerpt+12 || !strings.Contains(source, "...")) {
				t.Fatalf("a line of %d bytes is shown as %d: %.80q", len(tt.line), len(source), source)
			}
			if len(tt.line) <= maxExcerpt && source != tt.line {
				t.Fatalf("a short line is shown as %q", source)
			}
			at := strings.IndexByte(carets, '^')
			if at < 0 || !strings.HasPrefix(source[at:], tt.under) {
				t.Fatalf("the caret at %d lies under %.10q, want %q\n%s\n%s", at, source[min(max(at, 0), len(source)):], tt.under, source, carets)
			}
			if strings.Contains(tt.line, "\xff") && !strings.Contains(source, `\xff`) {
				t.Fatalf("the invalid byte is not shown escaped: %.80q", source)
			}
		})
	}
}

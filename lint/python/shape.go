package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// scanFunctionShape reads, without a syntax tree, whether a module-level
// function exists and whether its body does nothing (pass, a docstring,
// `...`) or declares itself irreversible (raises). Files that are only
// scanned for their metadata get this much, so that a project-wide
// convention (no downgrades) can be judged from every revision, not only
// from the few a pull request adds.
func scanFunctionShape(text string, name string) lint.Function {
	var fn lint.Function
	at := lastDefinition(text, name)
	if at < 0 {
		return fn
	}
	fn.Defined = true
	fn.Span = lint.LineSpan(strings.Count(text[:at], "\n") + 1)
	fn.Empty = true
	// Only the lines from the definition to the end of its body are
	// looked at, one at a time, as substrings of the text: splitting the
	// whole file into strings cost more than the rest of the scan.
	rest, done := text[at:], false
	next := func() (string, bool) {
		if done {
			return "", false
		}
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			done = true
		}
		return line, true
	}
	inDocstring := ""
	// The signature may continue over several lines until its colon.
	for {
		line, ok := next()
		if !ok {
			return fn
		}
		if strings.HasSuffix(strings.TrimSpace(stripComment(line)), ":") {
			break
		}
	}
	for {
		line, ok := next()
		if !ok {
			break
		}
		raw := strings.TrimRight(line, "\r")
		stmt := strings.TrimSpace(raw)
		if inDocstring != "" {
			if strings.Contains(stmt, inDocstring) {
				inDocstring = ""
			}
			continue
		}
		if stmt == "" || strings.HasPrefix(stmt, "#") {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			break // the body ended
		}
		if !strings.HasPrefix(stmt, `"`) && !strings.HasPrefix(stmt, `'`) {
			stmt = strings.TrimSpace(stripComment(stmt))
		}
		switch {
		case stmt == "pass" || stmt == "...":
		case strings.HasPrefix(stmt, `"""`) || strings.HasPrefix(stmt, `'''`):
			quote := stmt[:3]
			if !strings.Contains(stmt[3:], quote) {
				inDocstring = quote
			}
		case strings.HasPrefix(stmt, "raise ") || stmt == "raise":
			fn.Empty = false
			fn.Irreversible = true
		default:
			fn.Empty = false
		}
		if strings.Contains(stmt, "NotImplementedError") {
			fn.Irreversible = true
		}
	}
	return fn
}

// lastDefinition returns where the last line defining the module-level
// function name starts (`def name(`, `def name (`, `async def name(` at
// the start of a line), or -1.
func lastDefinition(text string, name string) int {
	last := -1
	for _, pattern := range [...]string{"def " + name + "(", "def " + name + " (", "async def " + name + "("} {
		for from := 0; ; {
			i := strings.Index(text[from:], pattern)
			if i < 0 {
				break
			}
			at := from + i
			if at == 0 || text[at-1] == '\n' {
				last = max(last, at)
			}
			from = at + 1
		}
	}
	return last
}

func stripComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		return line[:i]
	}
	return line
}

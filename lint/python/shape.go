package python

import (
	"bytes"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// scanFunctionShape reads, without a syntax tree, whether a module-level
// function exists and whether its body does nothing (pass, a docstring,
// `...`) or declares itself irreversible (raises). Files that are only
// scanned for their metadata get this much, so that a project-wide
// convention (no downgrades) can be judged from every revision, not only
// from the few a pull request adds.
func scanFunctionShape(text []byte, name string) lint.Function {
	var fn lint.Function
	lines := bytes.Split(text, []byte("\n"))
	start := -1
	for i, line := range lines {
		l := strings.TrimRight(string(line), "\r")
		if strings.HasPrefix(l, "def "+name+"(") || strings.HasPrefix(l, "def "+name+" (") || strings.HasPrefix(l, "async def "+name+"(") {
			start = i
		}
	}
	if start < 0 {
		return fn
	}
	fn.Defined = true
	fn.Span = lint.LineSpan(start + 1)
	fn.Empty = true
	inDocstring := ""
	// The signature may continue over several lines until its colon.
	i := start
	for ; i < len(lines) && !strings.HasSuffix(strings.TrimSpace(stripComment(string(lines[i]))), ":"); i++ {
	}
	for i++; i < len(lines); i++ {
		raw := strings.TrimRight(string(lines[i]), "\r")
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

func stripComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		return line[:i]
	}
	return line
}

package lint

// dropSuperseded removes findings that a more specific rule replaces on
// the same line of the same file (Rule.Supersedes). A switched-off or
// suppressed-by-selection specific rule replaces nothing, since it found
// nothing.
func dropSuperseded(reg *Registry, found []Diagnostic) []Diagnostic {
	type place struct {
		file, rule string
		line       int
	}
	replaced := map[place]bool{}
	for _, d := range found {
		if rule, ok := reg.Lookup(d.Rule); ok {
			for _, id := range rule.Supersedes {
				replaced[place{d.File, id, d.Span.Line}] = true
			}
		}
	}
	if len(replaced) == 0 {
		return found
	}
	out := found[:0]
	for _, d := range found {
		if !replaced[place{d.File, d.Rule, d.Span.Line}] {
			out = append(out, d)
		}
	}
	return out
}

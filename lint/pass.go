package lint

// Pass is a rule's view of the world for one run: the project, the
// configuration, and (for per-revision rules) the revision to check.
type Pass struct {
	Rule     *Rule
	Project  *Project
	Config   *Config
	Revision *Revision
	found    []Diagnostic
}

// Ops returns the revision's lowered operations; empty when the file was
// only scanned for metadata.
func (p *Pass) Ops() *Operations {
	if p.Revision == nil || p.Revision.Ops == nil {
		return &Operations{}
	}
	return p.Revision.Ops
}

// Dialect is the configured dialect, for rules that serve several.
func (p *Pass) Dialect() Dialect { return p.Config.Dialect }

// Report records a finding on a revision file.
func (p *Pass) Report(rev *Revision, span Span, message, help string) {
	p.ReportFile(rev.File, rev.ID, span, message, help)
}

// ReportFile records a finding on any file, such as alembic.ini.
func (p *Pass) ReportFile(file, revision string, span Span, message, help string) {
	p.found = append(p.found, Diagnostic{
		Rule: p.Rule.ID, Name: p.Rule.Name, File: file, Span: span,
		Revision: revision, Message: message, Help: help,
	})
}

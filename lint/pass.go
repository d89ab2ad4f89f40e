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

// Report records a finding on a revision file.
func (p *Pass) Report(rev *Revision, span Span, message, help string) {
	p.ReportFile(rev.Path, rev.ID, span, message, help)
}

// ReportFile records a finding on any file, such as alembic.ini.
func (p *Pass) ReportFile(path, revision string, span Span, message, help string) {
	p.found = append(p.found, Diagnostic{
		Rule: p.Rule.ID, Name: p.Rule.Name, Path: path, Span: span,
		Revision: revision, Message: message, Help: help,
	})
}

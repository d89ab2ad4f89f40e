package lint

import (
	"sort"
	"strings"
	"sync"

	"github.com/migrate-lint/migrate-lint/lint/graph"
)

// Project is everything the rules see: every revision file, the graph they
// form, which revisions are under lint, and the Alembic setup around them.
type Project struct {
	// Root is the absolute directory holding the project's configuration
	// (alembic.ini or pyproject.toml), from which file names in messages
	// and fingerprints are given, so that they do not depend on the
	// directory migrate-lint runs in.
	Root string
	// Revisions holds every parsed .py file of the version locations,
	// sorted by file, including files that turn out not to be revisions.
	Revisions []*Revision
	// Graph is built over the files that declare a revision, in file order.
	Graph *graph.Graph
	// graphRevisions maps a graph node index to its file, nodeOf the
	// reverse.
	graphRevisions []*Revision
	nodeOf         map[*Revision]int
	byFile         map[string]*Revision
	// targets are the revisions to lint; nil means all of them.
	targets map[*Revision]bool
	// Setup describes alembic.ini, pyproject.toml and env.py; nil when
	// they were not read (the graph command).
	Setup *Setup
	// Sources holds the lines of the configuration files, by file, for
	// showing the offending line.
	Sources map[string][]string
	// Base describes the base branch in change-set mode (--base); nil
	// otherwise.
	Base *BaseBranch
	// History is what every revision creates, including the ones only
	// scanned for metadata; nil when not read (the graph command).
	History *History
	// Unplaced are revisions whose revision or down_revision is computed
	// (ML004): where they sit in the graph is unknown, so they are left
	// out of it, and the checks their absence would mislead (heads,
	// missing parents) stay quiet.
	Unplaced []*Revision
	// derived holds what Derived computed; SetTargets empties it, since
	// a fact may depend on the targets.
	derived *sync.Map
}

// NewProject sorts the revisions by file and builds their graph. Files
// whose revision id cannot be known without running them stay out of the
// graph (ML004 says so), so that they cause no false graph findings.
func NewProject(root string, revisions []*Revision) *Project {
	sort.SliceStable(revisions, func(i, j int) bool { return revisions[i].File < revisions[j].File })
	p := &Project{Root: root, Revisions: revisions, nodeOf: map[*Revision]int{}, byFile: map[string]*Revision{}, derived: &sync.Map{}}
	var nodes []graph.Node
	for _, r := range revisions {
		p.byFile[r.File] = r
		if !r.HasID {
			continue
		}
		if r.computed("revision") || r.computed("down_revision") {
			p.Unplaced = append(p.Unplaced, r)
			continue
		}
		p.nodeOf[r] = len(p.graphRevisions)
		p.graphRevisions = append(p.graphRevisions, r)
		labels := append(append([]string{}, r.BranchLabels...), SymbolicLabels(r)...)
		nodes = append(nodes, graph.Node{ID: r.ID, Down: r.DownRevisions, BranchLabels: labels, DependsOn: r.DependsOn})
	}
	p.Graph = graph.Build(nodes)
	return p
}

// RevisionAt returns the file of graph node i.
func (p *Project) RevisionAt(node int) *Revision { return p.graphRevisions[node] }

// NodeOf returns the graph node index of a revision file, or -1.
func (p *Project) NodeOf(r *Revision) int {
	if i, ok := p.nodeOf[r]; ok {
		return i
	}
	return -1
}

// RevisionOf returns the revision read from a file.
func (p *Project) RevisionOf(file string) (*Revision, bool) {
	r, ok := p.byFile[file]
	return r, ok
}

// Rel names a file relative to the project root with forward slashes, for
// messages: "migrations/versions/1a2b_add.py". Files outside the root keep
// their absolute path.
func (p *Project) Rel(file string) string {
	return RelativeTo(p.Root, file)
}

// RelativeTo makes an absolute path relative to an absolute directory when
// it lies inside it, with forward slashes. It is string work only: both
// paths are already clean and symbolic-link-resolved where they were read.
func RelativeTo(dir, file string) string {
	if dir == "" {
		return toSlash(file)
	}
	d, f := toSlash(dir), toSlash(file)
	if f == d {
		return "."
	}
	if rest, ok := strings.CutPrefix(f, strings.TrimSuffix(d, "/")+"/"); ok {
		return rest
	}
	return f
}

func toSlash(p string) string { return strings.ReplaceAll(p, `\`, "/") }

// SetTargets limits linting to the given revisions (change-set mode).
func (p *Project) SetTargets(targets []*Revision) {
	p.derived = &sync.Map{}
	p.targets = map[*Revision]bool{}
	for _, t := range targets {
		p.targets[t] = true
	}
}

// IsTarget reports whether the revision is under lint.
func (p *Project) IsTarget(r *Revision) bool { return p.targets == nil || p.targets[r] }

// Targets returns the revisions under lint, in file order.
func (p *Project) Targets() []*Revision {
	if p.targets == nil {
		return p.Revisions
	}
	var out []*Revision
	for _, r := range p.Revisions {
		if p.targets[r] {
			out = append(out, r)
		}
	}
	return out
}

// BaseBranch is what the base branch held, for the change-set rules.
type BaseBranch struct {
	// IDs are the revisions that exist on the base branch.
	IDs map[string]bool
	// Heads are the base branch's heads.
	Heads []string
	// Graph is the base branch's revision graph, at its tip: its heads
	// may be revisions the change does not have.
	Graph *graph.Graph
	// Modified holds the files of revisions that exist on the base
	// branch and were changed.
	Modified map[string]bool
	// Deleted are revision files the change deletes.
	Deleted []DeletedRevision
	// ChangedFiles are other files the change touches (configuration):
	// findings on them are the change's.
	ChangedFiles map[string]bool
	// NotInGit are revision files a clean checkout would not have, with
	// why: "untracked" or "ignored".
	NotInGit map[string]string
}

// DeletedRevision is a revision file that exists on the base branch and
// not in the change.
type DeletedRevision struct {
	File string
	ID   string
}

// SymbolicLabels reads branch labels written as names rather than strings,
// branch_labels = (cli.EXPAND_BRANCH,): each distinct expression stands
// for a distinct label, so that branches meant to stay separate are not
// taken for two heads of one branch. It returns nothing when the value is
// anything else than a tuple or list of dotted names.
func SymbolicLabels(r *Revision) []string {
	for _, m := range r.NonLiteral {
		if m.Variable != "branch_labels" {
			continue
		}
		if names, ok := dottedNames(m.Source); ok {
			return names
		}
	}
	return nil
}

// dottedNames splits "(a.B, c)" or "[a.B]" or "a.B" into its names.
func dottedNames(source string) ([]string, bool) {
	s := strings.TrimSpace(source)
	if len(s) >= 2 && (s[0] == '(' && s[len(s)-1] == ')' || s[0] == '[' && s[len(s)-1] == ']') {
		s = s[1 : len(s)-1]
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		for _, seg := range strings.Split(part, ".") {
			if !isIdentifier(seg) {
				return nil, false
			}
		}
		out = append(out, part)
	}
	return out, len(out) > 0
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// computed reports whether a metadata variable is assigned from an
// expression, so its value is unknown.
func (r *Revision) computed(variable string) bool {
	for _, m := range r.NonLiteral {
		if m.Variable == variable {
			return true
		}
	}
	return false
}

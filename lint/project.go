package lint

import (
	"sort"

	"github.com/migrate-lint/migrate-lint/lint/graph"
)

// Project is everything the rules see: every revision file, the graph they
// form, and which revisions are under lint.
type Project struct {
	// Revisions holds every parsed .py file of the version locations,
	// sorted by path, including files that turn out not to be revisions.
	Revisions []*Revision
	// Graph is built over the files that declare a revision, in path order.
	Graph *graph.Graph
	// graphRevisions maps a graph node index to its file, nodeOf the
	// reverse.
	graphRevisions []*Revision
	nodeOf         map[*Revision]int
	// targets are the revisions to lint; nil means all of them.
	targets map[*Revision]bool
	// Dialect is the effective SQL dialect.
	Dialect string
	// Config describes alembic.ini, pyproject.toml and env.py; nil when
	// they were not read.
	Config *ProjectConfig
	// Sources holds the lines of the configuration files, by displayed
	// path, for showing the offending line.
	Sources map[string][]string
	// Base describes the base branch in change-set mode (--base); nil
	// otherwise.
	Base *BaseBranch
	// memo holds values derived once and shared by the rules, such as a
	// revision's operations.
	memo map[any]any
}

// Memo returns the value stored under key, computing it on first use.
// Rules use it to share derived data without recomputing it per rule.
func (p *Project) Memo(key any, compute func() any) any {
	if p.memo == nil {
		p.memo = map[any]any{}
	}
	if v, ok := p.memo[key]; ok {
		return v
	}
	v := compute()
	p.memo[key] = v
	return v
}

// NewProject sorts the revisions by path and builds their graph.
func NewProject(revisions []*Revision) *Project {
	sort.SliceStable(revisions, func(i, j int) bool { return revisions[i].Path < revisions[j].Path })
	p := &Project{Revisions: revisions, nodeOf: map[*Revision]int{}}
	var nodes []graph.Node
	for _, r := range revisions {
		if !r.HasID {
			continue
		}
		p.nodeOf[r] = len(p.graphRevisions)
		p.graphRevisions = append(p.graphRevisions, r)
		nodes = append(nodes, graph.Node{ID: r.ID, Down: r.DownRevisions, BranchLabels: r.BranchLabels, DependsOn: r.DependsOn})
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

// SetTargets limits linting to the given revisions (change-set mode).
func (p *Project) SetTargets(targets []*Revision) {
	p.targets = map[*Revision]bool{}
	for _, t := range targets {
		p.targets[t] = true
	}
}

// IsTarget reports whether the revision is under lint.
func (p *Project) IsTarget(r *Revision) bool { return p.targets == nil || p.targets[r] }

// Targets returns the revisions under lint, in path order.
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
	// Modified holds the paths of revision files that exist on the base
	// branch and were changed.
	Modified map[string]bool
	// Deleted are revision files the change deletes.
	Deleted []DeletedRevision
	// ChangedFiles are other files the change touches (configuration),
	// by displayed path: findings on them are the change's.
	ChangedFiles map[string]bool
}

// DeletedRevision is a revision file that exists on the base branch and
// not in the change.
type DeletedRevision struct {
	Path string
	ID   string
}

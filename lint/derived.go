package lint

import "sync"

// Derived returns compute's answer for the project, computed once per key
// and project. Rules run per revision, on every core, and some need a
// fact of the whole project (does it run on Python 2? which files are
// not revisions?) that takes a pass over every revision: asked by each
// revision, that pass made those rules quadratic (1,607 revisions: 2.6
// million visits for one of them). key is a value of a type of the
// caller's own, so that packages cannot collide; compute must depend only
// on the project.
func Derived[T any](p *Project, key any, compute func() T) T {
	if p.derived == nil {
		return compute() // a Project not made by NewProject
	}
	if v, ok := p.derived.Load(key); ok {
		return v.(func() T)()
	}
	v, _ := p.derived.LoadOrStore(key, sync.OnceValue(compute))
	return v.(func() T)()
}

package cache

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/migrate-lint/migrate-lint/lint/python"
)

// Modules is the cache of a project's Python modules as the setup reads
// them (python.Parser.ParseModule): the models, env.py and what it
// imports are parsed on every run, and on a project with many model
// modules that parse is most of a check. Entries are content-addressed
// like the revisions' and live in a pack of their own; a partial reading
// (python.Outline, python.Imports) in a pack of its own too, opened when
// first asked for.
type Modules struct {
	l     *Lookup
	parts [python.Imports + 1]partPack // by reading; Whole's unused
}

// partPack is the pack of a partial reading, opened when first used
// (by the setup's helpers too, concurrently).
type partPack struct {
	mu   sync.Mutex
	open func() *Lookup
	l    *Lookup
}

func (pp *partPack) lookup() *Lookup {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.l == nil {
		pp.l = pp.open()
	}
	return pp.l
}

// opened is the pack if this run opened it, or nil.
func (pp *partPack) opened() *Lookup {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	return pp.l
}

// moduleRecord is what a pack holds for a module.
type moduleRecord struct {
	Module python.Module
}

// Modules opens the module pack of a project (its root directory); nil
// when the cache is off, or cannot carry a module.
func (c *Cache) Modules(project string) *Modules {
	if c == nil {
		return nil
	}
	codec, err := codecOf(reflect.TypeFor[moduleRecord]())
	if err != nil {
		return nil
	}
	// "whole": a pack of earlier builds under the old name ("python
	// modules") could hold a partial reading under the key of a file a
	// pull request wrote; a build of the same version that cannot tell
	// itself apart from those (no executable to look at) must not read it.
	m := &Modules{l: c.open(codec, project, "python modules", "whole")}
	for _, r := range []python.Reading{python.Outline, python.Imports} {
		// Packs apart, not keys apart: a key made of the bytes under a
		// prefix is also the key of a file whose bytes start with that
		// prefix, which a pull request can write, so that a whole module
		// would come back as a partial one (no lines: a crash reading
		// them).
		m.parts[r].open = func() *Lookup {
			return c.open(codec, project, "python modules", fmt.Sprintf("read in part %d", r))
		}
	}
	return m
}

// Get returns the module parsed from these bytes. The caller may change
// it: every Get decodes a new one.
func (m *Modules) Get(data []byte) (*python.Module, bool) {
	if m == nil {
		return nil, false
	}
	var r moduleRecord
	if !get(m.l, data, &r) {
		return nil, false
	}
	return &r.Module, true
}

// Put keeps the module parsed from these bytes, before the caller
// changes it.
func (m *Modules) Put(data []byte, mod *python.Module) {
	if m == nil {
		return
	}
	m.l.put(data, encode(m.l.codec, nil, &moduleRecord{Module: *mod}))
}

// Part returns the module a partial reading of these bytes gave
// (python.Parser.ParseOutline, ParseImports), as Get.
func (m *Modules) Part(r python.Reading, data []byte) (*python.Module, bool) {
	if m == nil || r == python.Whole || int(r) >= len(m.parts) {
		return nil, false
	}
	var rec moduleRecord
	if !get(m.parts[r].lookup(), data, &rec) {
		return nil, false
	}
	return &rec.Module, true
}

// PutPart keeps the module a partial reading of these bytes gave, as Put.
func (m *Modules) PutPart(r python.Reading, data []byte, mod *python.Module) {
	if m == nil || r == python.Whole || int(r) >= len(m.parts) {
		return
	}
	l := m.parts[r].lookup()
	l.put(data, encode(l.codec, nil, &moduleRecord{Module: *mod}))
}

// Save writes the packs, as Lookup.Save: the whole modules' and those of
// the partial readings used in this run.
func (m *Modules) Save() error {
	if m == nil {
		return nil
	}
	err := m.l.Save()
	for i := range m.parts {
		// A pack this run did not open has nothing to save.
		if l := m.parts[i].opened(); l != nil {
			if perr := l.Save(); err == nil {
				err = perr
			}
		}
	}
	return err
}

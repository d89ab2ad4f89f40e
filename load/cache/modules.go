package cache

import (
	"fmt"
	"reflect"

	"github.com/migrate-lint/migrate-lint/lint/python"
)

// Modules is the cache of a project's Python modules as the setup reads
// them (python.Parser.ParseModule): the models, env.py and what it
// imports are parsed on every run, and on a project with many model
// modules that parse is most of a check. Entries are content-addressed
// like the revisions' and live in a pack of their own.
type Modules struct {
	l *Lookup
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
	return &Modules{l: c.open(codec, project, "python modules")}
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

// partKey is the key of what a partial reading (python.Outline,
// python.Imports) of these bytes gave: the bytes under a prefix naming
// the reading, so that it never answers for the whole module ParseModule
// gives, nor for another reading.
func partKey(r python.Reading, data []byte) []byte {
	prefix := fmt.Sprintf("part %d\x00", r)
	return append(append(make([]byte, 0, len(prefix)+len(data)), prefix...), data...)
}

// Part returns the module a partial reading of these bytes gave
// (python.Parser.ParseOutline, ParseImports), as Get.
func (m *Modules) Part(r python.Reading, data []byte) (*python.Module, bool) {
	return m.Get(partKey(r, data))
}

// PutPart keeps the module a partial reading of these bytes gave, as Put.
func (m *Modules) PutPart(r python.Reading, data []byte, mod *python.Module) {
	m.Put(partKey(r, data), mod)
}

// Save writes the pack, as Lookup.Save.
func (m *Modules) Save() error {
	if m == nil {
		return nil
	}
	return m.l.Save()
}

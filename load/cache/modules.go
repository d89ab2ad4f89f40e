package cache

import (
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

// importsKey is the key of what python.Parser.ParseImports read from
// these bytes: the bytes under a prefix, so that it never answers for the
// whole module ParseModule gives, nor the other way round.
func importsKey(data []byte) []byte {
	const prefix = "imports only\x00"
	return append(append(make([]byte, 0, len(prefix)+len(data)), prefix...), data...)
}

// Imports returns the module python.Parser.ParseImports read from these
// bytes, as Get.
func (m *Modules) Imports(data []byte) (*python.Module, bool) {
	return m.Get(importsKey(data))
}

// PutImports keeps the module python.Parser.ParseImports read from these
// bytes, as Put.
func (m *Modules) PutImports(data []byte, mod *python.Module) {
	m.Put(importsKey(data), mod)
}

// Save writes the pack, as Lookup.Save.
func (m *Modules) Save() error {
	if m == nil {
		return nil
	}
	return m.l.Save()
}

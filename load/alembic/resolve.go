package alembic

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// symbol is a name as defined somewhere: the module (dotted; "" for
// env.py) and the name inside it, possibly dotted (db.Model).
type symbol struct{ module, name string }

func (s symbol) String() string { return s.module + ":" + s.name }

// packageOf is the package a module's relative imports start from.
func (p *projectModules) packageOf(name string, m *python.Module) string {
	if m != nil && m.Identifiers["__package__"] {
		return name
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return ""
}

// absolute turns an import's module into a dotted name.
func absolute(imp lint.Import, pkg string) string {
	if imp.Level == 0 {
		return imp.Module
	}
	base := strings.Split(pkg, ".")
	if pkg == "" {
		base = nil
	}
	if imp.Level-1 > len(base) {
		return imp.Module
	}
	base = base[:len(base)-(imp.Level-1)]
	return strings.Trim(strings.Join(base, ".")+"."+imp.Module, ".")
}

// defines reports whether a module binds a name at module level.
func defines(m *python.Module, name string) bool {
	if _, ok := m.Assignments[name]; ok {
		return true
	}
	for _, c := range m.Classes {
		if c.Name == name {
			return true
		}
	}
	_, ok := m.Returns[name]
	return ok
}

// resolve follows a dotted name used in a module to the module that
// defines it, through imports and package re-exports. A name it cannot
// follow (a third-party import, a builtin) stays where it is used or
// names its external module.
func (p *projectModules) resolve(modName string, m *python.Module, dotted string) symbol {
	return p.resolveDepth(modName, m, dotted, 0)
}

func (p *projectModules) resolveDepth(modName string, m *python.Module, dotted string, depth int) symbol {
	modName = p.canonical(modName)
	if m == nil || depth > 8 {
		return symbol{modName, dotted}
	}
	first, rest, _ := strings.Cut(dotted, ".")
	if defines(m, first) {
		return symbol{modName, dotted}
	}
	pkg := p.packageOf(modName, m)
	if imp, ok := m.Aliases[first]; ok {
		// from X import name as first
		original := imp.Names[0]
		if rest != "" {
			original += "." + rest
		}
		module := absolute(imp, pkg)
		if sub := module + "." + imp.Names[0]; p.has(sub) {
			if rest == "" {
				return symbol{p.canonical(sub), ""}
			}
			return p.resolveDepth(sub, p.get(sub), rest, depth+1)
		}
		return p.resolveDepth(module, p.get(module), original, depth+1)
	}
	for _, imp := range m.Imports {
		module := absolute(imp, pkg)
		for _, name := range imp.Names {
			switch {
			case imp.Level == 0 && name == imp.Module && (dotted == name || strings.HasPrefix(dotted, name+".")):
				// import a.b.c: the name is a.b.c.X
				inner := strings.TrimPrefix(strings.TrimPrefix(dotted, name), ".")
				if inner == "" {
					return symbol{p.canonical(module), ""}
				}
				return p.resolveDepth(module, p.get(module), inner, depth+1)
			case name == first && name != imp.Module:
				// from X import first: a submodule, a name defined in X,
				// or (import X as first) the module itself.
				if sub := module + "." + first; p.has(sub) {
					if rest == "" {
						return symbol{p.canonical(sub), ""}
					}
					return p.resolveDepth(sub, p.get(sub), rest, depth+1)
				}
				if target := p.get(module); target != nil {
					if defines(target, first) || importsName(target, first) {
						return p.resolveDepth(module, target, dotted, depth+1)
					}
					if rest != "" {
						return p.resolveDepth(module, target, rest, depth+1)
					}
				}
				return symbol{p.canonical(module), dotted}
			}
		}
	}
	return symbol{modName, dotted}
}

// importsName reports whether a module binds a name by importing it.
func importsName(m *python.Module, name string) bool {
	for _, imp := range m.Imports {
		for _, n := range imp.Names {
			if n == name && n != imp.Module {
				return true
			}
		}
	}
	return false
}

// classOf returns a project class by symbol: the last class statement of
// that name in its module, the one Python binds (and the one the model
// search's index keeps).
func (p *projectModules) classOf(s symbol) (*python.Class, *moduleRef) {
	ref := p.ref(s.module)
	if ref == nil {
		return nil, nil
	}
	for i := len(ref.mod.Classes) - 1; i >= 0; i-- {
		if ref.mod.Classes[i].Name == s.name {
			return &ref.mod.Classes[i], ref
		}
	}
	return nil, nil
}

// isTestModule recognises test code, which defines models and calls
// create_all() for good reasons.
func isTestModule(path string) bool {
	slashed := "/" + strings.ReplaceAll(path, `\`, "/")
	base := slashed[strings.LastIndexByte(slashed, '/')+1:]
	return strings.Contains(slashed, "/tests/") || strings.Contains(slashed, "/test/") || strings.Contains(slashed, "/testing/") ||
		strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py"
}

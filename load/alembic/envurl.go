package alembic

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

// envURLs follows the URLs env.py gives Alembic in code to the literals
// they come from: config.set_main_option("sqlalchemy.url", X),
// create_engine(X), context.configure(url=X), where X is a literal, an
// os.getenv default, a module constant, or a settings object's field in
// another project module. setsURL reports whether env.py gives a URL of
// its own at all, resolvable or not.
func (p *projectModules) envURLs(env *moduleRef) (urls []lint.CodeURL, setsURL bool) {
	for _, c := range env.mod.Calls {
		v, ok := urlArgument(c)
		if !ok {
			continue
		}
		f := &urlFollower{p: p, seen: map[string]bool{}}
		found, fromINI := f.follow(env, v, viaOf(v), false, 0)
		if fromINI {
			continue
		}
		setsURL = true
		urls = append(urls, found...)
	}
	return urls, setsURL
}

// urlArgument returns the URL a call gives Alembic or an engine.
func urlArgument(c lint.Call) (lint.Value, bool) {
	str := func(i int) string {
		if i < len(c.Args) {
			s, _ := c.Args[i].Str()
			return s
		}
		return ""
	}
	switch c.Name {
	case "set_main_option":
		if str(0) == "sqlalchemy.url" {
			return c.Arg(1, "value")
		}
	case "set_section_option":
		if str(1) == "sqlalchemy.url" {
			return c.Arg(2, "value")
		}
	case "create_engine", "create_async_engine":
		return c.Arg(0, "url")
	case "engine_from_config", "async_engine_from_config":
		return c.AsValue().Keyword("url")
	case "configure":
		if strings.HasSuffix(c.Callee, "context.configure") {
			return c.AsValue().Keyword("url")
		}
	}
	return lint.Value{}, false
}

// urlFollower walks from a value to the literals it may hold.
type urlFollower struct {
	p    *projectModules
	seen map[string]bool
}

var getterCall = lazyregexp.New(`^([A-Za-z_][\w.]*)\(\)\.([A-Za-z_]\w*)$`)

// follow resolves a value used in a module. fromINI reports a value read
// back from the configuration (config.get_main_option), which is the ini's
// URL and not a URL of env.py's own.
func (f *urlFollower) follow(ref *moduleRef, v lint.Value, via string, fallback bool, depth int) (out []lint.CodeURL, fromINI bool) {
	if depth > 8 || ref == nil {
		return nil, false
	}
	key := ref.path + "|" + v.Span.String() + "|" + v.Text
	if f.seen[key] {
		return nil, false
	}
	f.seen[key] = true
	switch v.Kind {
	case lint.KindString:
		if strings.Contains(v.Text, "://") {
			out = append(out, lint.CodeURL{File: ref.path, Span: v.Span, Raw: v.Text, Dynamic: v.Dynamic, Fallback: fallback, Via: via})
		}
		return out, false
	case lint.KindCall:
		name := v.CalleeName()
		switch {
		case name == "get_main_option" || name == "get_section_option" || name == "get_section":
			return nil, true
		case name == "getenv" || strings.HasSuffix(v.Text, "environ.get") || name == "config" || strings.HasSuffix(v.Text, "env.str"):
			if d, ok := v.Arg(1, "default"); ok {
				return f.follow(ref, d, via, true, depth+1)
			}
			return nil, false
		case name == "str":
			if len(v.Args) == 1 {
				return f.follow(ref, v.Args[0], via, fallback, depth+1)
			}
			return nil, false
		case name == "Field":
			if d, ok := v.Arg(0, "default"); ok {
				return f.follow(ref, d, via, true, depth+1)
			}
			return nil, false
		}
		for _, kw := range []string{"drivername", "scheme"} {
			if d, ok := v.Keyword(kw); ok {
				if s, ok := d.Str(); ok {
					return []lint.CodeURL{{File: ref.path, Span: d.Span, Raw: s + "://", Dynamic: true, Fallback: fallback, Via: via}}, false
				}
			}
		}
		// A function of the project: follow what it returns.
		if target, fn := f.function(ref, v.Text); fn != nil {
			return f.follow(target, *fn, via, fallback, depth+1)
		}
		return nil, false
	case lint.KindName:
		return f.followName(ref, v.Text, via, fallback, depth)
	case lint.KindOther:
		if m := getterCall.FindStringSubmatch(v.Text); m != nil {
			// get_settings().DATABASE_URL
			if target, fn := f.function(ref, m[1]); fn != nil && fn.Kind == lint.KindCall {
				return f.attribute(target, fn.Text, m[2], via, fallback, depth+1)
			}
		}
	}
	return nil, false
}

// followName resolves NAME or a.b.NAME.
func (f *urlFollower) followName(ref *moduleRef, dotted, via string, fallback bool, depth int) ([]lint.CodeURL, bool) {
	m := ref.mod
	if !strings.Contains(dotted, ".") {
		if a, ok := m.Assignments[dotted]; ok {
			return f.follow(ref, a.Value, via, fallback, depth+1)
		}
		if a, ok := m.Bindings[dotted]; ok {
			return f.follow(ref, a.Value, via, fallback, depth+1)
		}
	}
	s := f.p.resolve(ref.name, m, dotted)
	if s.module == ref.name && s.name == dotted {
		// Defined here: obj.ATTR where obj is a module-level object.
		obj, attr := splitLast(dotted)
		if obj == "" {
			return nil, false
		}
		if a, ok := m.Assignments[obj]; ok && a.Value.Kind == lint.KindCall {
			return f.attribute(ref, a.Value.Text, attr, via, fallback, depth+1)
		}
		if a, ok := m.Bindings[obj]; ok && a.Value.Kind == lint.KindCall {
			return f.attribute(ref, a.Value.Text, attr, via, fallback, depth+1)
		}
		if c := classIn(m, obj); c != nil {
			return f.classAttribute(ref, c, attr, via, depth+1)
		}
		return nil, false
	}
	target := f.p.ref(s.module)
	if target == nil || s.name == "" {
		return nil, false
	}
	return f.followName(target, s.name, via, fallback, depth+1)
}

// attribute reads ATTR of the object a constructor or getter call makes:
// Settings().ATTR, get_settings().ATTR.
func (f *urlFollower) attribute(ref *moduleRef, callee, attr, via string, fallback bool, depth int) ([]lint.CodeURL, bool) {
	if depth > 8 {
		return nil, false
	}
	s := f.p.resolve(ref.name, ref.mod, callee)
	target := f.p.ref(s.module)
	if target == nil {
		return nil, false
	}
	if c := classIn(target.mod, s.name); c != nil {
		return f.classAttribute(target, c, attr, via, depth+1)
	}
	if ret, ok := target.mod.Returns[s.name]; ok && ret.Kind == lint.KindCall {
		// a getter: def get_settings(): return Settings()
		return f.attribute(target, ret.Text, attr, via, fallback, depth+1)
	}
	return nil, false
}

// classAttribute reads a settings class's field default or property,
// following the class's project bases.
func (f *urlFollower) classAttribute(ref *moduleRef, c *python.Class, attr, via string, depth int) ([]lint.CodeURL, bool) {
	if depth > 8 {
		return nil, false
	}
	if a, ok := c.Attributes[attr]; ok {
		return f.follow(ref, a.Value, via, true, depth+1)
	}
	for _, b := range c.Bases {
		s := f.p.resolve(ref.name, ref.mod, b)
		if parent, pref := f.p.classOf(s); parent != nil {
			if out, fromINI := f.classAttribute(pref, parent, attr, via, depth+1); len(out) > 0 || fromINI {
				return out, fromINI
			}
		}
	}
	return nil, false
}

// function finds a project function by the name a module calls it by and
// returns the module defining it and its returned value.
func (f *urlFollower) function(ref *moduleRef, callee string) (*moduleRef, *lint.Value) {
	if ret, ok := ref.mod.Returns[callee]; ok {
		return ref, &ret
	}
	s := f.p.resolve(ref.name, ref.mod, callee)
	target := f.p.ref(s.module)
	if target == nil {
		return nil, nil
	}
	if ret, ok := target.mod.Returns[s.name]; ok {
		return target, &ret
	}
	return nil, nil
}

func classIn(m *python.Module, name string) *python.Class {
	for i := range m.Classes {
		if m.Classes[i].Name == name {
			return &m.Classes[i]
		}
	}
	return nil
}

func splitLast(dotted string) (string, string) {
	i := strings.LastIndexByte(dotted, '.')
	if i < 0 {
		return "", dotted
	}
	return dotted[:i], dotted[i+1:]
}

// viaOf names the expression env.py gives the URL by, for messages; a
// literal is not repeated (it may hold a password).
func viaOf(v lint.Value) string {
	switch v.Kind {
	case lint.KindName:
		return v.Text
	case lint.KindCall:
		return v.Text + "()"
	case lint.KindOther:
		if len(v.Text) <= 60 && !strings.Contains(v.Text, "://") {
			return v.Text
		}
	}
	return ""
}

package python

import (
	"reflect"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

func TestModuleFacts(t *testing.T) {
	src := `import os
from app.config import settings

def get_url():
    if os.getenv("X"):
        return "sqlite://"
    return os.getenv("DATABASE_URL", "postgresql+asyncpg://app@db/app")

class Settings(BaseSettings):
    DATABASE_URL: str = "postgresql://app@db/app"

    @property
    def ASYNC_URL(self) -> str:
        return f"postgresql+asyncpg://{self.USER}@db/app"

def run():
    url = settings.DATABASE_URL
    if url:
        config.set_main_option("sqlalchemy.url", url)

def broken(:
    pass
`
	p := NewParser()
	defer p.Close()
	m := p.ParseModule([]byte(src))
	if v := m.Returns["get_url"]; v.Kind != lint.KindCall || v.Text != "os.getenv" {
		t.Errorf("get_url returns %+v, want the os.getenv call", v)
	}
	if b := m.Bindings["url"]; b.Value.Text != "settings.DATABASE_URL" {
		t.Errorf("url is bound to %+v", b.Value)
	}
	var set *lint.Call
	for i, c := range m.Calls {
		if c.Name == "set_main_option" {
			set = &m.Calls[i]
		}
	}
	if set == nil || set.Scope.Function != "run" || !set.Scope.Conditional {
		t.Errorf("set_main_option call: %+v", set)
	}
	if len(m.Classes) != 1 {
		t.Fatalf("classes: %+v", m.Classes)
	}
	c := m.Classes[0]
	if s, _ := c.Attributes["DATABASE_URL"].Value.Str(); s != "postgresql://app@db/app" {
		t.Errorf("DATABASE_URL = %q", s)
	}
	if v := c.Attributes["ASYNC_URL"].Value; !v.Dynamic || v.Text != "postgresql+asyncpg://@db/app" {
		t.Errorf("ASYNC_URL = %+v", v)
	}
	if c.Span.Line != 9 {
		t.Errorf("class line %d, want 9", c.Span.Line)
	}
	if len(m.SyntaxErrors) != 1 || m.SyntaxErrors[0].Span.Line != 21 {
		t.Errorf("syntax errors: %+v", m.SyntaxErrors)
	}
}

// TestParseImportsAgrees: ParseImports gives the imports and identifiers
// ParseModule gives, on every fixture (and the corpus, with
// CORPUS_CACHE), and on input that does not parse; it leaves the rest
// empty and says so.
func TestParseImportsAgrees(t *testing.T) {
	sources := pythonSources(t)
	sources["syntax error"] = []byte("import os\nfrom a.b import (c, d as e\ndef f(:\n    import_module('x')\n")
	sources["python 2"] = []byte("import os\nprint 'x'\nfrom . import y\n")
	sources["too deep"] = []byte("import os\nx = " + strings.Repeat("(", 6000) + "1" + strings.Repeat(")", 6000) + "\n")
	sources["empty"] = nil
	p := NewParser()
	defer p.Close()
	compared := 0
	for name, src := range sources {
		whole := p.ParseModule(src)
		only := p.ParseImports(src)
		if whole.ImportsOnly || !only.ImportsOnly {
			t.Fatalf("%s: ImportsOnly is %v for ParseModule and %v for ParseImports", name, whole.ImportsOnly, only.ImportsOnly)
		}
		if !reflect.DeepEqual(only.Imports, whole.Imports) {
			t.Errorf("%s: imports differ:\n%+v\n%+v", name, only.Imports, whole.Imports)
		}
		if !reflect.DeepEqual(only.Identifiers, whole.Identifiers) {
			t.Errorf("%s: identifiers differ:\n%v\n%v", name, only.Identifiers, whole.Identifiers)
		}
		if len(only.Classes)+len(only.Assignments)+len(only.Strings)+len(only.Calls)+len(only.Lines) != 0 {
			t.Errorf("%s: ParseImports read more than imports: %+v", name, only)
		}
		if len(whole.Imports) > 0 {
			compared++
		}
	}
	if compared < 20 {
		t.Fatalf("only %d sources import anything: the test compares too little", compared)
	}
}

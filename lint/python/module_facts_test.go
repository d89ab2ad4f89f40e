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

// TestPartialReadingsAgree: ParseImports gives the imports and
// identifiers ParseModule gives, and ParseOutline those and the classes
// (without attributes) and assignments, on every fixture (and the corpus,
// with CORPUS_CACHE), and on input that does not parse; each leaves the
// rest empty and says so.
func TestPartialReadingsAgree(t *testing.T) {
	sources := pythonSources(t)
	sources["syntax error"] = []byte("import os\nfrom a.b import (c, d as e\ndef f(:\n    import_module('x')\n")
	sources["python 2"] = []byte("import os\nprint 'x'\nclass A(B):\n    x = 1\nfrom . import y\n")
	sources["too deep"] = []byte("import os\nx = " + strings.Repeat("(", 6000) + "1" + strings.Repeat(")", 6000) + "\n")
	sources["empty"] = nil
	p := NewParser()
	defer p.Close()
	compared := map[Reading]int{}
	for name, src := range sources {
		whole := p.ParseModule(src)
		if whole.Reading != Whole {
			t.Fatalf("%s: ParseModule's reading is %d", name, whole.Reading)
		}
		var classes []Class
		for _, c := range whole.Classes {
			c.Attributes = nil
			classes = append(classes, c)
		}
		for reading, part := range map[Reading]*Module{Imports: p.ParseImports(src), Outline: p.ParseOutline(src)} {
			if part.Reading != reading {
				t.Fatalf("%s: reading %d says %d", name, reading, part.Reading)
			}
			if !reflect.DeepEqual(part.Imports, whole.Imports) {
				t.Errorf("%s, reading %d: imports differ:\n%+v\n%+v", name, reading, part.Imports, whole.Imports)
			}
			if !reflect.DeepEqual(part.Identifiers, whole.Identifiers) {
				t.Errorf("%s, reading %d: identifiers differ:\n%v\n%v", name, reading, part.Identifiers, whole.Identifiers)
			}
			if len(part.Strings)+len(part.Calls)+len(part.Lines)+len(part.Bindings)+len(part.Returns) != 0 {
				t.Errorf("%s, reading %d: read more than its part: %+v", name, reading, part)
			}
			switch reading {
			case Imports:
				if len(part.Classes)+len(part.Assignments) != 0 {
					t.Errorf("%s: ParseImports read classes or assignments: %+v", name, part)
				}
			case Outline:
				if !reflect.DeepEqual(part.Classes, classes) {
					t.Errorf("%s: the outline's classes differ:\n%+v\n%+v", name, part.Classes, classes)
				}
				if !reflect.DeepEqual(part.Assignments, whole.Assignments) {
					t.Errorf("%s: the outline's assignments differ:\n%+v\n%+v", name, part.Assignments, whole.Assignments)
				}
				if len(part.Classes) > 0 {
					compared[Outline]++
				}
			}
			if len(whole.Imports) > 0 {
				compared[Imports]++
			}
		}
	}
	if compared[Imports] < 20 || compared[Outline] < 5 {
		t.Fatalf("only %v sources import anything or have classes: the test compares too little", compared)
	}
}

package python

import (
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

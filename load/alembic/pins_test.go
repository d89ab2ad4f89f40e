package alembic

import (
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

func TestPinAllows(t *testing.T) {
	v116 := lint.MustVersion("1.16.0")
	for _, tt := range []struct {
		file, content string
		allows116     bool
	}{
		{"requirements.txt", "alembic==1.13.1\n", false},
		{"requirements.txt", "Alembic[tz] >=1.10, <1.16 ; python_version >= '3.9'\n", false},
		{"requirements.txt", "alembic~=1.15.0\n", false},
		{"requirements.txt", "alembic~=1.15\n", true},
		{"requirements.txt", "alembic==1.15.*\n", false},
		{"requirements.txt", "alembic>=1.10\n", true},
		{"requirements.txt", "alembic<=1.16.0\n", true},
		{"requirements.txt", "alembic-utils==0.8\n", true},
		{"pyproject.toml", "[project]\ndependencies = [\"alembic>=1.12,<1.14\"]\n", false},
		{"pyproject.toml", "[tool.poetry.dependencies]\nalembic = \"^1.13\"\n", true},
		{"pyproject.toml", "[tool.poetry.dependencies]\nalembic = \"~1.13\"\n", false},
		{"pyproject.toml", "[tool.poetry.dependencies]\nalembic = {version = \"1.13.1\", extras = [\"tz\"]}\n", false},
		{"uv.lock", "[[package]]\nname = \"alembic\"\nversion = \"1.16.1\"\n", true},
		{"Pipfile.lock", `{"default": {"alembic": {"version": "==1.11.0"}}}`, false},
	} {
		pin := pinIn(tt.file, []byte(tt.content))
		if got := pin.Allows(v116); got != tt.allows116 {
			t.Errorf("%s %q: allows 1.16.0 = %v, want %v (pin %+v)", tt.file, tt.content, got, tt.allows116, pin)
		}
	}
}

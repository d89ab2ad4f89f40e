package alembic

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// containsEach is what the one-pass search must answer: bytes.Contains
// word by word.
func containsEach(data []byte, words []string) uint64 {
	var bits uint64
	for i, w := range words {
		if bytes.Contains(data, []byte(w)) {
			bits |= 1 << i
		}
	}
	return bits
}

// TestWordSetIsContains: the one-pass search finds exactly the words
// bytes.Contains finds, in texts made to trip it (words at either end,
// overlapping, cut short, every word at once) and in every Python file of
// the repository's fixtures.
func TestWordSetIsContains(t *testing.T) {
	texts := []string{
		"", "_", "__", "__tablename", "__tablename__", "x__tablename__", "__table____tablename__",
		"class A(Base):\n    __tablename__ = 'a'\n", "Base = declarative_base()", "class Base(DeclarativeBase): pass",
		"db = SQLAlchemy(app)", "db = SQLAlchemy (app)", "sqlalchemy.ur", "config.get('sqlalchemy.url')",
		"down_revisio", "down_revision = None", "metadata.create_all(engine)", "create_all (",
		"@as_declarative()\nclass Base: pass", "generate_base", "__abstract__ = True",
		strings.Join(searchedWords, " "), strings.Join(searchedWords, ""),
	}
	_ = filepath.Walk("../../rules/testdata", func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".py") {
			if data, err := os.ReadFile(path); err == nil {
				texts = append(texts, string(data))
			}
		}
		return nil
	})
	if len(texts) < 100 {
		t.Fatalf("only %d texts", len(texts))
	}
	hits := 0
	for _, text := range texts {
		got, want := searched().in([]byte(text)), containsEach([]byte(text), searchedWords)
		if got != want {
			t.Errorf("%.60q: found %b, bytes.Contains %b", text, got, want)
		}
		if got != 0 {
			hits++
		}
	}
	if hits < 10 {
		t.Errorf("only %d texts hold a word: the comparison tests little", hits)
	}
	bits, others := searched().mask([]string{"create_all(", "not searched", "__tablename__"})
	if bits != 1<<1|1<<3 || len(others) != 1 || others[0] != "not searched" {
		t.Errorf("mask: %b, others %q", bits, others)
	}
}

func FuzzWordSet(f *testing.F) {
	for _, w := range searchedWords {
		f.Add([]byte("x " + w + " y"))
	}
	f.Add([]byte("__table____tablename__"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := searched().in(data), containsEach(data, searchedWords); got != want {
			t.Fatalf("%q: found %b, bytes.Contains %b", data, got, want)
		}
	})
}

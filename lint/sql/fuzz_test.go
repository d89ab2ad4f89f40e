package sql

import (
	"errors"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// FuzzParse: on any text, each dialect's parser returns statements that
// lie inside the text, or a syntax error at an offset inside it; never a
// panic. The PostgreSQL side reads libpg_query's JSON into its own node
// types, whatever the grammar produces.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"CREATE INDEX CONCURRENTLY ix ON s.users (email, lower(name))",
		"ALTER TABLE t ADD COLUMN y int PRIMARY KEY DEFAULT now(), ALTER c SET DEFAULT 'a'::text; DROP TABLE a, s.b CASCADE",
		"ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix, ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (c) NOT VALID",
		"CREATE TEMP TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT 1; ALTER TYPE e ADD VALUE 'x'; COMMIT",
		"UPDATE a SET b = 1 WHERE c; DELETE FROM a; TRUNCATE a, b CASCADE; SET lock_timeout = '5s'",
		"ALTER TABLE users MODIFY COLUMN name VARCHAR(300) NULL, ADD INDEX ix (a); RENAME TABLE a TO b",
		"SELECT 'unterminated", ";;;", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, dialect := range []lint.Dialect{lint.PostgreSQL, lint.MySQL} {
			stmts, err := Parse(dialect, text)
			var se *SyntaxError
			switch {
			case errors.As(err, &se):
				if se.Offset < 0 || se.Offset > len(text) {
					t.Fatalf("%s %q: error offset %d outside the text", dialect, text, se.Offset)
				}
			case err != nil:
				t.Fatalf("%s %q: %v is not a *SyntaxError", dialect, text, err)
			}
			for _, s := range stmts {
				if s.Offset < 0 || s.Offset > len(text) || !strings.Contains(text[s.Offset:], s.Text) {
					t.Fatalf("%s %q: statement %q at %d is not in the text", dialect, text, s.Text, s.Offset)
				}
			}
		}
	})
}

// TestParserPanicIsAnError: TiDB's parser panics on a number literal of
// more than 80 digits; the statement is an error that says what
// happened, and the run goes on.
func TestParserPanicIsAnError(t *testing.T) {
	_, err := Parse(lint.MySQL, "SELECT "+strings.Repeat("4", 1200)+"0")
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Message, "MySQL parser failed on this SQL") {
		t.Fatalf("got %v", err)
	}
}

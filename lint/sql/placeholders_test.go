package sql

import (
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

func TestBindPlaceholders(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		dialect   lint.Dialect
		in, want  string
		count     int
		parsesNow bool
	}{
		{lint.PostgreSQL, "UPDATE users SET name = :name WHERE id = :id", "UPDATE users SET name = $1    WHERE id = $1 ", 2, true},
		{lint.PostgreSQL, "SELECT x::int, ':not' FROM t WHERE a = %s AND b = %(b)s", "SELECT x::int, ':not' FROM t WHERE a = $1 AND b = $1   ", 2, true},
		{lint.PostgreSQL, "SELECT $$ :inside $$ -- :comment\n, :p", "SELECT $$ :inside $$ -- :comment\n, $1", 1, true},
		{lint.PostgreSQL, "SELECT E'\\' :no', \"a:b\" /* :c */", "SELECT E'\\' :no', \"a:b\" /* :c */", 0, true},
		{lint.MySQL, "UPDATE t SET a = %s WHERE `x:y` = :v AND c = 'it''s :q' # :z", "UPDATE t SET a = ?  WHERE `x:y` = ?  AND c = 'it''s :q' # :z", 2, true},
		{lint.PostgreSQL, "UPDATE t SET a = b WHERE c >= 10", "UPDATE t SET a = b WHERE c >= 10", 0, true},
		// An expanding IN parameter: the driver writes the list.
		{lint.PostgreSQL, "DELETE FROM t WHERE id IN :ids", "DELETE FROM t WHERE id IN ($1)", 1, true},
		{lint.MySQL, "DELETE FROM t WHERE id in %s", "DELETE FROM t WHERE id in ? ", 1, false},
		{lint.MySQL, "DELETE FROM t WHERE id IN :ids", "DELETE FROM t WHERE id IN (?) ", 1, true},
	} {
		got, n := BindPlaceholders(c.dialect, c.in)
		if got != c.want || n != c.count || len(got) != len(c.in) {
			t.Errorf("%s %q:\ngot  %q (%d)\nwant %q (%d)", c.dialect, c.in, got, n, c.want, c.count)
		}
		if _, err := Parse(c.dialect, got); (err == nil) != c.parsesNow {
			t.Errorf("%s %q: parse after binding: %v", c.dialect, got, err)
		}
	}
}

// A parameter where the grammar takes none (a type modifier) parses once
// it holds a value, as a client-side driver writes it.
func TestPlaceholdersAsLiterals(t *testing.T) {
	t.Parallel()
	in := "ALTER TABLE folder ADD COLUMN identifier VARCHAR(:len) NULL"
	if _, err := Parse(lint.MySQL, mustBind(BindPlaceholders(lint.MySQL, in))); err == nil {
		t.Fatal("VARCHAR(?) parsed: the test no longer shows the fallback")
	}
	got, n := BindPlaceholdersAsLiterals(lint.MySQL, in)
	if _, err := Parse(lint.MySQL, got); err != nil || n != 1 || len(got) != len(in) {
		t.Errorf("%q (%d): %v", got, n, err)
	}
}

func mustBind(s string, _ int) string { return s }

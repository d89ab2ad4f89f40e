package sql

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// describe renders the interesting fields of an op for comparison.
func describe(op lint.Op) string {
	s := fmt.Sprintf("%s %s", op.Kind, op.Table)
	for _, f := range []struct {
		on   bool
		text string
	}{
		{op.Column != "", "col=" + op.Column}, {op.Name != "", "name=" + op.Name}, {op.NewName != "", "new=" + op.NewName},
		{op.Concurrently, "concurrently"}, {op.Unique, "unique"}, {op.NotValid, "not-valid"}, {op.Cascade, "cascade"},
		{op.HasWhere, "where"}, {op.Nullable != nil && !*op.Nullable, "not-null"}, {op.ServerDefault != "", "default=" + op.ServerDefault},
		{op.VolatileDefault, "volatile"}, {op.Type != "", "type=" + op.Type}, {op.Temporary, "temporary"},
		{len(op.Columns) > 0, "cols=" + strings.Join(op.Columns, ",")},
	} {
		if f.on {
			s += " " + f.text
		}
	}
	return s
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dialect lint.Dialect
		sql     string
		want    []string
	}{
		{"postgresql", "CREATE INDEX CONCURRENTLY ix_a ON users (email)", []string{"create_index users name=ix_a concurrently cols=email"}},
		{"postgresql", "create unique index ix_b on public.users(name);\nDROP INDEX CONCURRENTLY ix_c", []string{"create_index users name=ix_b unique cols=name", "drop_index  name=ix_c concurrently"}},
		{"postgresql", "ALTER TABLE users ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid(), DROP COLUMN legacy CASCADE", []string{"add_column users col=uid not-null default=gen_random_uuid() volatile type=uuid", "drop_column users col=legacy cascade"}},
		{"postgresql", "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", []string{"create_foreign_key orders name=fk_user not-valid cols=user_id"}},
		{"postgresql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200), ALTER COLUMN total SET NOT NULL", []string{"alter_column orders col=note type=varchar(200)", "alter_column orders col=total not-null"}},
		{"postgresql", "UPDATE users SET a = 1; DELETE FROM logs; TRUNCATE audit CASCADE", []string{"update users", "delete logs", "truncate audit cascade"}},
		{"postgresql", "SET LOCAL lock_timeout = '2s'", []string{"set_lock_timeout "}},
		{"postgresql", "ALTER TYPE mood ADD VALUE 'sad'", []string{"add_enum_value  name=mood new=sad"}},
		{"postgresql", "ALTER TABLE users RENAME COLUMN a TO b", []string{"alter_column users col=a new=b"}},
		{"postgresql", "DROP SCHEMA reporting CASCADE", []string{"drop_schema  name=reporting cascade"}},
		// Every node and field the PostgreSQL lowering reads from
		// libpg_query's JSON.
		{"postgresql", "ALTER TABLE t ADD COLUMN y int PRIMARY KEY DEFAULT now(), ADD COLUMN z numeric(10,0) NULL DEFAULT 0, ALTER c SET DEFAULT 'a'::text, ALTER d SET DEFAULT true, ALTER e SET DEFAULT 1.5, ALTER f DROP NOT NULL",
			[]string{"add_column t col=y not-null default=now() type=integer", "add_column t col=z default=integer type=numeric(10,0)", "alter_column t col=c default='a'", "alter_column t col=d default=boolean", "alter_column t col=e default=constant", "alter_column t col=f"}},
		{"postgresql", "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix, ADD PRIMARY KEY (id), ADD CONSTRAINT ck CHECK (x > 0), ADD CONSTRAINT uq UNIQUE (a, b), DROP CONSTRAINT fk, VALIDATE CONSTRAINT ck, SET TABLESPACE s",
			[]string{"create_unique_constraint t name=u concurrently", "create_primary_key t cols=id", "create_check_constraint t name=ck", "create_unique_constraint t name=uq cols=a,b", "drop_constraint t col=fk name=fk", "validate_constraint t col=ck name=ck", "other_ddl t col=s"}},
		{"postgresql", "ALTER INDEX ix SET TABLESPACE t; ALTER TABLE a RENAME TO b; ALTER INDEX ix RENAME TO iy",
			[]string{"other_ddl ix", "rename_table a new=b", "other_ddl ix"}},
		{"postgresql", "INSERT INTO a VALUES (1); UPDATE a SET b = 1 WHERE c; DROP TABLE a, s.b; DROP TYPE mood; DROP DATABASE d",
			[]string{"insert a", "update a where", "drop_table a", "drop_table b", "drop_type ", "drop_schema  name=d"}},
		{"postgresql", "CREATE TEMP TABLE t (a int); CREATE TABLE x AS SELECT 1; CREATE MATERIALIZED VIEW m AS SELECT 1; CREATE VIEW v AS SELECT 1; CREATE TYPE s.mood AS ENUM ('a')",
			[]string{"create_table t temporary", "create_table x", "create_view m", "create_view v", "create_type  name=s.mood"}},
		{"postgresql", "BEGIN; SET search_path = x; ALTER TYPE mood RENAME VALUE 'a' TO 'b'; SELECT 1; COMMIT",
			[]string{"other ", "other ", "other_ddl ", "other ", "commit "}},
		{"mysql", "ALTER TABLE users ADD COLUMN age INT NOT NULL, ADD INDEX ix_age (age)", []string{"add_column users col=age not-null type=integer", "create_index users name=ix_age"}},
		{"mysql", "ALTER TABLE users MODIFY COLUMN name VARCHAR(300) NULL", []string{"alter_column users col=name type=varchar(300)"}},
		{"mysql", "ALTER TABLE users CHANGE COLUMN nm name VARCHAR(20)", []string{"alter_column users col=nm new=name type=varchar(20)"}},
		{"mariadb", "UPDATE users SET a = 1 WHERE id < 10; DELETE FROM t", []string{"update users where", "delete t"}},
		{"mysql", "CREATE INDEX ix ON t (a); DROP TABLE old_t; RENAME TABLE a TO b", []string{"create_index t name=ix", "drop_table old_t", "rename_table a new=b"}},
	}
	for _, tt := range tests {
		stmts, err := Parse(tt.dialect, tt.sql)
		if err != nil {
			t.Errorf("%s %q: %v", tt.dialect, tt.sql, err)
			continue
		}
		var got []string
		for _, s := range stmts {
			for _, op := range s.Ops {
				got = append(got, describe(op))
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s %q:\ngot  %q\nwant %q", tt.dialect, tt.sql, got, tt.want)
		}
	}
}

func TestStatementOffsets(t *testing.T) {
	t.Parallel()
	text := "\n    SET lock_timeout = '1s';\n    CREATE INDEX ix ON t (a);\n"
	for _, dialect := range []lint.Dialect{lint.PostgreSQL, lint.MySQL} {
		stmts, err := Parse(dialect, strings.Replace(text, "lock_timeout = '1s'", map[lint.Dialect]string{lint.PostgreSQL: "lock_timeout = '1s'", lint.MySQL: "lock_wait_timeout = 1"}[dialect], 1))
		if err != nil || len(stmts) != 2 {
			t.Fatalf("%s: %v %d", dialect, err, len(stmts))
		}
		if !strings.HasPrefix(stmts[1].Text, "CREATE INDEX") || strings.Count(text[:stmts[1].Offset], "\n") != 2 {
			t.Errorf("%s: offset %d text %q", dialect, stmts[1].Offset, stmts[1].Text)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	t.Parallel()
	for _, dialect := range []lint.Dialect{lint.PostgreSQL, lint.MySQL} {
		_, err := Parse(dialect, "ALTER TABLE users\n  ADD COLUMN x int NOT NULLL")
		var serr *SyntaxError
		if !errors.As(err, &serr) || serr.Message == "" || strings.Count("ALTER TABLE users\n  ADD COLUMN x int NOT NULLL"[:serr.Offset], "\n") != 1 {
			t.Errorf("%s: %#v", dialect, err)
		}
	}
	// Dialect grammar matters: backticks are MySQL's.
	if _, err := Parse("postgresql", "ALTER TABLE `users` ADD COLUMN x int"); err == nil {
		t.Error("PostgreSQL accepted backticks")
	}
	if _, err := Parse("mysql", "ALTER TABLE `users` ADD COLUMN x int"); err != nil {
		t.Errorf("MySQL rejected backticks: %v", err)
	}
}

// TestSyntaxErrorMessageIsShort: both parsers quote the input from the
// error on; a message never carries more than a short excerpt of it.
func TestSyntaxErrorMessageIsShort(t *testing.T) {
	long := strings.Repeat("x", 50_000)
	for _, tt := range []struct {
		dialect lint.Dialect
		sql     string
	}{
		{lint.PostgreSQL, "SELECT 'unterminated " + long},
		{lint.PostgreSQL, "ALTER TABLE " + long + " FROB"},
		{lint.MySQL, "ALTER TABLE t FROB " + long},
		{lint.MySQL, "SELECT 1;\nSELEKT\n" + long},
	} {
		_, err := Parse(tt.dialect, tt.sql)
		var serr *SyntaxError
		if !errors.As(err, &serr) {
			t.Fatalf("%s: %v", tt.dialect, err)
		}
		if len(serr.Message) > maxMessage+8 || strings.Contains(serr.Message, "\n") || serr.Message == "" {
			t.Errorf("%s: message of %d bytes: %.100q", tt.dialect, len(serr.Message), serr.Message)
		}
	}
}

// BenchmarkStatementPositions parses SQL of many statements, for the
// statement offsets (which must cost linear time in the text).
func BenchmarkStatementPositions(b *testing.B) {
	for _, n := range []int{2000, 8000} {
		var parts []string
		for i := range n {
			parts = append(parts, fmt.Sprintf("UPDATE t SET a = 1 WHERE id = %d", i))
		}
		text := strings.Join(parts, ";\n")
		for _, d := range []lint.Dialect{lint.PostgreSQL, lint.MySQL} {
			b.Run(fmt.Sprintf("%s/%d", d, n), func(b *testing.B) {
				for b.Loop() {
					if stmts, err := Parse(d, text); err != nil || len(stmts) != n {
						b.Fatal(err, len(stmts))
					}
				}
			})
		}
	}
}

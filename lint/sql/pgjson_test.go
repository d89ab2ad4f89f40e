package sql

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pgparser "github.com/pganalyze/pg_query_go/v6/parser"
)

// pgSeeds are SQL texts whose parse trees hold every node type and field
// pgnodes.go reads, escapes and non-ASCII text included.
var pgSeeds = []string{
	"CREATE INDEX CONCURRENTLY ix ON s.users (email, lower(name))",
	"CREATE UNIQUE INDEX IF NOT EXISTS \"Ix \"\"q\"\"\" ON users USING gin (tags) WHERE deleted IS NULL",
	"ALTER TABLE t ADD COLUMN y int PRIMARY KEY DEFAULT now(), ALTER c SET DEFAULT 'a'::text; DROP TABLE a, s.b CASCADE",
	"ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix, ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES b (c) NOT VALID",
	"ALTER TABLE t ADD COLUMN n numeric(10, 2) NOT NULL DEFAULT -1.5, ADD CHECK (n > 0), ALTER COLUMN n TYPE bigint USING n::bigint",
	"CREATE TEMP TABLE t (a int); CREATE MATERIALIZED VIEW m AS SELECT 1; ALTER TYPE e ADD VALUE 'x' BEFORE 'y'; COMMIT",
	"CREATE TABLE x AS SELECT * FROM y; CREATE VIEW v AS SELECT 1; CREATE TYPE mood AS ENUM ('sad', 'ok')",
	"UPDATE a SET b = 1 WHERE c; DELETE FROM a; TRUNCATE a, b CASCADE; SET lock_timeout = '5s'",
	"INSERT INTO t (a, b) VALUES (1, E'tab\\there \\u00e9 \\\\ \"q\"'), (2, 'é ☃ 𝄞'); ALTER TABLE t RENAME COLUMN a TO b",
	"ALTER INDEX ix RENAME TO iy; DROP INDEX CONCURRENTLY ix; DROP DATABASE d; BEGIN; SELECT true, false, null",
	"ALTER TABLE t DROP CONSTRAINT c, DROP COLUMN d RESTRICT, ALTER COLUMN e DROP NOT NULL, VALIDATE CONSTRAINT f",
	"SELECT '\x01\x1f control', U&'\\0041'",
}

// pgJSONOf is libpg_query's JSON for a text, or "" when it does not parse.
func pgJSONOf(sql string) string {
	js, err := pgparser.ParseToJSON(sql)
	if err != nil {
		return ""
	}
	return js
}

// agreeWithEncodingJSON checks the one promise of decodePG: when it
// decodes, it decodes what encoding/json decodes.
func agreeWithEncodingJSON(t *testing.T, js string) bool {
	t.Helper()
	var got, want pgParseResult
	if err := decodePG(js, &got); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(js), &want); err != nil {
		t.Fatalf("decodePG read what encoding/json refuses (%v):\n%s", err, js)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodePG and encoding/json differ on\n%s\n got %+v\nwant %+v", js, got, want)
	}
	return true
}

// TestDecodePGAgrees: on libpg_query's output for the seeds, for the SQL
// of the fuzz corpus and, with CORPUS_CACHE, for every SQL string of the
// real-world corpus's revisions that a throwaway dump left in
// MIGRATE_LINT_SQL_DUMP, decodePG decodes and gives what encoding/json
// gives.
func TestDecodePGAgrees(t *testing.T) {
	texts := append([]string(nil), pgSeeds...)
	if dir := os.Getenv("MIGRATE_LINT_SQL_DUMP"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	decoded := 0
	for _, sql := range texts {
		js := pgJSONOf(sql)
		if js == "" {
			continue
		}
		if !agreeWithEncodingJSON(t, js) {
			t.Errorf("decodePG gave up on libpg_query's output for %q:\n%s", sql, js)
		}
		decoded++
	}
	if decoded < len(pgSeeds)-1 {
		t.Errorf("only %d texts parsed", decoded)
	}
}

// TestDecodePGRefusesWhatItDoesNotExpect: a document that is not what
// libpg_query writes is refused (parsePostgres then asks encoding/json),
// never read differently.
func TestDecodePGRefusesWhatItDoesNotExpect(t *testing.T) {
	for _, js := range []string{
		`{"stmts":null}`, `{"stmts":[{"stmt_location":1.5}]}`, `{"stmts":[{"stmt_location":01}]}`,
		`{"stmts":[{"stmt":{"IndexStmt":{"idxname":"a\xffb"}}}]}`, `{"stmts":[{"stmt":{"IndexStmt":{"unique":1}}}]}`,
		`{"stmts":[]} x`, `{"stmts":[`, `{"stmts":["\u12"]}`, `{"stmts":[{"stmt":{"IndexStmt":{"idxname":"a` + "\n" + `"}}}]}`,
	} {
		var got pgParseResult
		if decodePG(js, &got) == nil {
			t.Errorf("decodePG read %s as %+v", js, got)
		}
	}
}

// FuzzDecodePGAgrees: whatever SQL libpg_query parses, decodePG reads its
// JSON as encoding/json does (unless the SQL has bytes that are not
// UTF-8, which libpg_query copies into its JSON as they are: decodePG
// refuses those and encoding/json reads them); and whatever valid JSON
// document it is given, when it decodes, it agrees with encoding/json.
// (It does not check the values it skips: libpg_query writes valid
// JSON.)
func FuzzDecodePGAgrees(f *testing.F) {
	for _, s := range pgSeeds {
		f.Add(s, false)
		if js := pgJSONOf(s); js != "" {
			f.Add(js, true)
		}
	}
	f.Fuzz(func(t *testing.T, text string, isJSON bool) {
		if isJSON {
			if json.Valid([]byte(text)) {
				agreeWithEncodingJSON(t, text)
			}
			return
		}
		if js := pgJSONOf(text); js != "" && !agreeWithEncodingJSON(t, js) && !strings.ContainsRune(text, 0xFFFD) {
			t.Fatalf("decodePG gave up on libpg_query's output for %q:\n%s", text, js)
		}
	})
}

// BenchmarkDecodePG: libpg_query's JSON for the seeds (or for the SQL in
// MIGRATE_LINT_SQL_DUMP) read by decodePG and, side by side, by
// encoding/json.
func BenchmarkDecodePG(b *testing.B) {
	texts := pgSeeds
	if dir := os.Getenv("MIGRATE_LINT_SQL_DUMP"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		texts = nil
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	var docs []string
	size := 0
	for _, s := range texts {
		if js := pgJSONOf(s); js != "" {
			docs = append(docs, js)
			size += len(js)
		}
	}
	b.Run("decodePG", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, js := range docs {
				var tree pgParseResult
				if err := decodePG(js, &tree); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, js := range docs {
				var tree pgParseResult
				if err := json.Unmarshal([]byte(js), &tree); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestDecodePGDepth: nesting deeper than encoding/json reads is refused,
// skipped values included, so that such SQL is reported as it was when
// encoding/json read everything (ML505, "exceeded max depth"); at the
// bound both decode it alike.
func TestDecodePGDepth(t *testing.T) {
	nested := func(n int) string {
		return `{"stmts":[{"stmt":{"SelectStmt":{"x":` + strings.Repeat("[", n-5) + strings.Repeat("]", n-5) + `}}}]}`
	}
	var tree pgParseResult
	if decodePG(nested(maxPGDepth+1), &tree) == nil {
		t.Errorf("decodePG read a document nested %d deep", maxPGDepth+1)
	}
	if !agreeWithEncodingJSON(t, nested(maxPGDepth)) {
		t.Errorf("decodePG refused a document nested %d deep", maxPGDepth)
	}
	sql := "CREATE INDEX ix_t_c ON t (c); SELECT " + strings.Repeat("1+", 20000) + "1"
	if _, err := parsePostgres(sql); err == nil || !strings.Contains(err.Error(), "exceeded max depth") {
		t.Errorf("20,000 nested additions: %v, want encoding/json's depth error", err)
	}
}

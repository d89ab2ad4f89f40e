package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TestRowsOnServers runs the testdata/rows project: each revision that
// fails only on existing rows has a safe twin right after it, which must
// stay clean. The generator fills owners, items and orders (parents first,
// CHECKs satisfied, the existing foreign key of orders respected) and
// leaves tokens, whose CHECK it cannot satisfy, empty with a note.
func TestRowsOnServers(t *testing.T) {
	rowsFailure := func(rev, reason string) string {
		return fmt.Sprintf("ML601 %s: upgrade fails on existing rows: %s", rev, reason)
	}
	for _, server := range []struct {
		env     string
		dialect lint.Dialect
		// failures are the revisions that fail on rows, with the reason.
		failures map[string]string
	}{
		{"MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL, map[string]string{
			"b02": `column "status" of relation "items" contains null values (SQLSTATE 23502) in: ALTER TABLE items ADD COLUMN status VARCHAR(10) NOT NULL`,
			"d04": `column "name" of relation "items" contains null values (SQLSTATE 23502) in: ALTER TABLE items ALTER COLUMN name SET NOT NULL`,
			"f06": `could not create unique index "uq_items_code" (SQLSTATE 23505)`,
			"h08": `invalid input syntax for type integer: "alpha" (SQLSTATE 22P02)`,
			"j10": `value too long for type character varying(10) (SQLSTATE 22001)`,
			"l12": `insert or update on table "items" violates foreign key constraint "fk_items_owner" (SQLSTATE 23503)`,
		}},
		// MariaDB fills a NOT NULL column added without a default with
		// the type's implicit default (''), so b02 passes there, as it
		// would in production.
		{"MIGRATE_LINT_TEST_MARIADB_URL", lint.MariaDB, map[string]string{
			"d04": `Data truncated for column 'name' at row 3 (errno 1265)`,
			"f06": `Duplicate entry 'alpha' for key 'uq_items_code' (errno 1062)`,
			"h08": `Truncated incorrect INTEGER value: 'alpha' (errno 1292)`,
			"j10": `Data truncated for column 'title' at row 4 (errno 1265)`,
			"l12": `Cannot add or update a child row: a foreign key constraint fails ((a temporary table), CONSTRAINT ` + "`fk_items_owner`",
		}},
	} {
		t.Run(string(server.dialect), func(t *testing.T) {
			res, url := runOnServer(t, "rows", server.env, server.dialect)
			got := findings(res.Diagnostics)
			var wantStatuses []string
			for _, r := range res.Revisions {
				reason, fails := server.failures[r.Revision]
				status := "ok"
				if fails {
					status = "upgrade-failed-with-rows"
					wantFinding := rowsFailure(r.Revision, reason)
					if !strings.Contains(got, wantFinding) {
						t.Errorf("missing %q in:\n%s", wantFinding, got)
					}
					tables := `; the table "items" had 4 generated rows`
					if r.Revision == "l12" {
						tables = `; the table "items" had 4 generated rows, the table "owners" had 4 generated rows`
					}
					if !strings.Contains(got, tables+", and on empty tables the upgrade succeeds") {
						t.Errorf("%s: the rows are not named in:\n%s", r.Revision, got)
					}
				}
				wantStatuses = append(wantStatuses, r.Revision+"="+status)
				// The twins, and the failing revisions' downgrades, are clean.
				for _, d := range res.Diagnostics {
					if d.Revision == r.Revision && d.Rule >= "ML601" && d.Rule <= "ML604" && !(fails && d.Rule == "ML601") {
						t.Errorf("unexpected %s %s: %s", d.Rule, d.Revision, d.Message)
					}
				}
			}
			if s := statuses(res); s != strings.Join(wantStatuses, " ") || len(res.Revisions) != 15 {
				t.Errorf("statuses %s", s)
			}
			// Before b02: 4 rows in each of owners, items and orders;
			// tokens is named once, where it was first left empty.
			b02 := res.Revisions[1]
			if b02.Rows != 12 || b02.RowsMs <= 0 {
				t.Errorf("b02 ran over %d generated rows (%.1f ms), want 12", b02.Rows, b02.RowsMs)
			}
			var skipped []string
			for _, r := range res.Revisions {
				for _, sk := range r.Skipped {
					skipped = append(skipped, r.Revision+" "+sk.Table+": "+sk.Reason)
				}
			}
			if len(skipped) != 1 || !strings.HasPrefix(skipped[0], "b02 tokens: no generated row was accepted: ") || !strings.Contains(skipped[0], "ck_tokens_code") {
				t.Errorf("skipped tables: %q", skipped)
			}
			noLeftovers(t, url)
		})
	}
}

func TestGeneratedValues(t *testing.T) {
	pg := &generator{dialect: lint.PostgreSQL}
	my := &generator{dialect: lint.MariaDB}
	varchar10 := &column{Name: "code", Kind: "string", Size: 10}
	nullable := &column{Name: "note", Kind: "string", Size: 3}
	for _, c := range []struct {
		name   string
		g      *generator
		col    *column
		row    int
		unique bool
		want   cell
	}{
		{"ordinary text is not a number", pg, varchar10, 0, false, cell{sql: "'alpha'"}},
		{"row 1 repeats row 0 where no key forbids it", pg, varchar10, 1, false, cell{sql: "'alpha'"}},
		{"row 1 differs in a unique column", pg, varchar10, 1, true, cell{sql: "'bravo'"}},
		{"row 3 is as long as the column allows", pg, varchar10, 3, false, cell{sql: "'zulu-abcde'"}},
		{"row 2 is NULL where allowed", pg, &column{Kind: "string", Size: 3}, 2, false, cell{null: true}},
		{"short columns keep unique values distinct", pg, nullable, 3, true, cell{sql: "'zul'"}},
		{"a boolean has two values for a unique key", pg, &column{Kind: "bool", NotNull: true}, 2, true, cell{}},
		{"MySQL booleans are numbers", my, &column{Kind: "bool", NotNull: true}, 0, false, cell{sql: "'1'"}},
		{"int4 beyond smallint", pg, &column{Kind: "int", Size: 32, NotNull: true}, 3, false, cell{sql: "'2000000000'"}},
		{"bigint beyond int4", pg, &column{Kind: "int", Size: 64, NotNull: true}, 3, false, cell{sql: "'9000000000000000000'"}},
		{"numeric fills its precision", pg, &column{Kind: "numeric", Size: 5, Scale: 2, NotNull: true}, 3, false, cell{sql: "'999.99'"}},
		{"numeric without whole digits", pg, &column{Kind: "numeric", Size: 2, Scale: 2, NotNull: true}, 0, false, cell{sql: "'0.01'"}},
		{"enum labels in order", pg, &column{Kind: "enum", Labels: []string{"new", "paid"}, NotNull: true}, 1, true, cell{sql: "'paid'"}},
		{"enum runs out of distinct labels", pg, &column{Kind: "enum", Labels: []string{"new", "paid"}, NotNull: true}, 2, true, cell{}},
		{"arrays of the element's values", pg, &column{Kind: "int", Size: 32, Array: true, NotNull: true}, 3, false, cell{sql: `'{"2000000000","1"}'`}},
		{"JSON documents", my, &column{Kind: "json", NotNull: true}, 0, false, cell{sql: `'{"ml": 1}'`}},
		{"MySQL bits are bare numbers", my, &column{Kind: "bit", Size: 3, NotNull: true}, 3, false, cell{sql: "7"}},
		{"unknown types are NULL where allowed", pg, &column{Kind: "", Type: "geometry"}, 0, false, cell{null: true}},
	} {
		if got := c.g.value(c.col, c.row, c.unique); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := my.literal(`it's a \ path`); got != `'it''s a \\ path'` {
		t.Errorf("MySQL literal %s", got)
	}
	if got := pg.literal(`it's a \ path`); got != `'it''s a \ path'` {
		t.Errorf("PostgreSQL literal %s", got)
	}
}

func TestCheckLiterals(t *testing.T) {
	strs, nums := checkLiterals(`((status)::text = ANY ((ARRAY['new'::character varying, 'it''s'::character varying])::text[])) AND (qty > 0)`)
	if strings.Join(strs, "|") != "new|it's" || strings.Join(nums, "|") != "0|1|-1" {
		t.Errorf("strings %q numbers %q", strs, nums)
	}
}

func TestParentsFirst(t *testing.T) {
	owners := &table{Schema: "public", Name: "owners"}
	items := &table{Schema: "public", Name: "items", FKs: []foreignKey{{RefTable: "owners"}}}
	lines := &table{Schema: "public", Name: "lines", FKs: []foreignKey{{RefTable: "items"}, {RefTable: "lines"}}}
	byKey := map[string]*table{"owners": owners, "items": items, "lines": lines}
	var names []string
	for _, tb := range parentsFirst([]*table{lines, items, owners}, byKey) {
		names = append(names, tb.Name)
	}
	if got := strings.Join(names, " "); got != "owners items lines" {
		t.Errorf("order %s", got)
	}
}

func TestSeedStatements(t *testing.T) {
	got := sqlStatements("-- domain rows\nINSERT INTO a VALUES (1);\n\nINSERT INTO b\nVALUES ('x;y');\nUPDATE c SET n = 1")
	want := []string{"INSERT INTO a VALUES (1)", "INSERT INTO b\nVALUES ('x;y')", "UPDATE c SET n = 1"}
	if strings.Join(got, "\n|") != strings.Join(want, "\n|") {
		t.Errorf("statements %q", got)
	}
}

// TestSeedHooks: the project's seed hook puts in rows the generator cannot
// make (a CHECK only domain knowledge satisfies); a failure over them
// names them. The SQL hook runs on PostgreSQL, the Python one on MariaDB.
func TestSeedHooks(t *testing.T) {
	for _, c := range []struct {
		env, hook string
		dialect   lint.Dialect
		want      string
	}{
		{"MIGRATE_LINT_TEST_POSTGRES_URL", "seed.sql", lint.PostgreSQL,
			`ML601 b2: upgrade fails on existing rows: could not create unique index "uq_codes_code" (SQLSTATE 23505) in: ALTER TABLE codes ADD CONSTRAINT uq_codes_code UNIQUE (code); the table "codes" had 2 rows from the seed hook, and on empty tables the upgrade succeeds`},
		{"MIGRATE_LINT_TEST_MARIADB_URL", "seed.py", lint.MariaDB,
			`ML601 b2: upgrade fails on existing rows: Duplicate entry 'S-0002' for key 'uq_codes_code' (errno 1062) in: ALTER TABLE codes ADD CONSTRAINT uq_codes_code UNIQUE (code); the table "codes" had 3 rows from the seed hook, and on empty tables the upgrade succeeds`},
	} {
		t.Run(c.hook, func(t *testing.T) {
			url := need(t, c.env, `run eval "$(scripts/start-test-servers)"`)
			_, o := loadProject(t, "seeded")
			o.DatabaseURL, o.Dialect, o.Seed = url, c.dialect, filepath.Join(o.Dir, c.hook)
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if got := findings(only(res.Diagnostics, lint.UpgradeFailedID)); got != c.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, c.want)
			}
			if b2 := res.Revisions[1]; b2.Rows != 0 && len(b2.Skipped) != 0 {
				t.Errorf("b2: %d generated rows, skipped %v", b2.Rows, b2.Skipped)
			}
			noLeftovers(t, url)
		})
	}
	// A hook that never succeeds is said at the end; the table stays
	// empty, with a note, and nothing fails.
	url := need(t, "MIGRATE_LINT_TEST_POSTGRES_URL", `run eval "$(scripts/start-test-servers)"`)
	bad := filepath.Join(t.TempDir(), "bad.sql")
	if err := os.WriteFile(bad, []byte("INSERT INTO nowhere VALUES (1);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, o := loadProject(t, "seeded")
	o.DatabaseURL, o.Dialect, o.Seed = url, lint.PostgreSQL, bad
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Rule <= "ML604" {
			t.Errorf("with a failing hook: %s %s: %s", d.Rule, d.Revision, d.Message)
		}
	}
	if sk := res.Revisions[1].Skipped; len(sk) != 1 || sk[0].Table != "codes" || !strings.Contains(sk[0].Reason, "ck_codes_shape") {
		t.Errorf("skipped %v", sk)
	}
	want := `the seed hook bad.sql never ran completely: statement 1 (INSERT INTO nowhere VALUES (1)) failed: relation "nowhere" does not exist (SQLSTATE 42P01)`
	if len(res.Notices) != 1 || res.Notices[0] != want {
		t.Errorf("notices %q", res.Notices)
	}
	noLeftovers(t, url)
}

// only keeps the findings of one rule.
func only(ds []lint.Diagnostic, rule string) []lint.Diagnostic {
	var out []lint.Diagnostic
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

// TestRowsOfEveryType: the generator fills a table of every type it knows
// (enums, arrays, json, uuid, timestamps with and without time zone,
// domains, bits, network types; identity and generated columns left to
// the server) with all four rows, and its parent first.
func TestRowsOfEveryType(t *testing.T) {
	for _, server := range []struct {
		env     string
		dialect lint.Dialect
	}{
		{"MIGRATE_LINT_TEST_POSTGRES_URL", lint.PostgreSQL},
		{"MIGRATE_LINT_TEST_MARIADB_URL", lint.MariaDB},
	} {
		t.Run(string(server.dialect), func(t *testing.T) {
			res, url := runOnServer(t, "types", server.env, server.dialect)
			for _, d := range res.Diagnostics {
				if d.Rule <= "ML604" {
					t.Errorf("%s %s: %s", d.Rule, d.Revision, d.Message)
				}
			}
			if b2 := res.Revisions[1]; b2.Rows != 8 || len(b2.Skipped) != 0 {
				t.Errorf("b2 ran over %d generated rows, skipped %v; want 8 (4 parents, 4 of everything)", b2.Rows, b2.Skipped)
			}
			noLeftovers(t, url)
		})
	}
}

// TestRowsDoNotBreakParents: a parent outside the revisions under test
// (another branch, already in production) that would fail on the rows
// generated for an earlier revision is applied again on an empty
// database; the merge under test is not blamed for it.
func TestRowsDoNotBreakParents(t *testing.T) {
	url := need(t, "MIGRATE_LINT_TEST_POSTGRES_URL", `run eval "$(scripts/start-test-servers)"`)
	p, o := loadProject(t, "branches")
	o.DatabaseURL, o.Dialect, o.Targets = url, lint.PostgreSQL, nil
	for _, r := range p.Revisions {
		if r.ID == "b2" || r.ID == "d4" {
			o.Targets = append(o.Targets, r)
		}
	}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Rule <= "ML604" {
			t.Errorf("%s %s: %s", d.Rule, d.Revision, d.Message)
		}
	}
	if s := statuses(res); s != "b2=ok d4=ok" {
		t.Errorf("statuses %s", s)
	}
	noLeftovers(t, url)
}

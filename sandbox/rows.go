package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/migrate-lint/migrate-lint/lint"
)

// generatedRows is how many rows the generator puts into each empty table.
// Each has a purpose:
//
//	row 0: ordinary values, text that is not a number
//	row 1: the same values as row 0 wherever no unique key forbids it
//	       (a unique constraint added later meets duplicates)
//	row 2: NULL in every nullable column (SET NOT NULL meets a NULL)
//	row 3: values at the limits: strings as long as the column allows,
//	       integers beyond the next narrower type, and in a column without
//	       a foreign key yet, a value no parent row has (an orphan)
const generatedRows = 4

// SkippedTable is an existing table the generator left empty, and why.
type SkippedTable struct {
	Table  string `json:"table"`
	Reason string `json:"reason"`
}

// filled is what one fill did.
type filled struct {
	// Rows counts the rows inserted per table.
	Rows    map[string]int
	Skipped []SkippedTable
}

// fillTables puts generated rows into every existing table that is empty,
// parents before children. A table whose rows cannot be generated is left
// empty and named in Skipped: it must never cause a failure of its own.
func fillTables(ctx context.Context, db *sql.DB, dialect lint.Dialect) (filled, error) {
	out := filled{Rows: map[string]int{}}
	g := &generator{db: db, dialect: dialect, byKey: map[string]*table{}}
	// Most revisions find every table already filled: two light queries
	// tell, before the whole catalog is read.
	names, err := listTables(ctx, db, dialect)
	if err != nil {
		return out, err
	}
	if empty, err := g.emptyTables(ctx, names); err != nil || len(empty) == 0 {
		return out, err
	}
	tables, err := readTables(ctx, db, dialect)
	if err != nil {
		return out, err
	}
	for _, t := range tables {
		g.byKey[t.Key()] = t
	}
	empty, err := g.emptyTables(ctx, tables)
	if err != nil {
		return out, err
	}
	for _, t := range parentsFirst(empty, g.byKey) {
		n, reason := g.fill(ctx, t)
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if n > 0 {
			out.Rows[t.Key()] = n
		} else {
			out.Skipped = append(out.Skipped, SkippedTable{t.Key(), reason})
		}
	}
	return out, nil
}

// emptyTables finds the tables without rows, in one query per 200 tables.
func (g *generator) emptyTables(ctx context.Context, tables []*table) ([]*table, error) {
	var empty []*table
	for start := 0; start < len(tables); start += 200 {
		chunk := tables[start:min(start+200, len(tables))]
		parts := make([]string, len(chunk))
		for i, t := range chunk {
			parts[i] = fmt.Sprintf("SELECT %d, CASE WHEN EXISTS (SELECT 1 FROM %s) THEN 1 ELSE 0 END", i, g.name(t))
		}
		rows, err := g.db.QueryContext(ctx, strings.Join(parts, " UNION ALL "))
		if err != nil {
			return nil, fmt.Errorf("count the rows of the existing tables: %s", dbError(err))
		}
		has := make([]bool, len(chunk))
		for rows.Next() {
			var i, n int
			if err := rows.Scan(&i, &n); err != nil {
				rows.Close()
				return nil, err
			}
			has[i] = n > 0
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for i, t := range chunk {
			if !has[i] {
				empty = append(empty, t)
			}
		}
	}
	return empty, nil
}

// parentsFirst orders tables so that a table comes after the tables its
// foreign keys reference (cycles are broken where they close).
func parentsFirst(tables []*table, byKey map[string]*table) []*table {
	want := map[*table]bool{}
	for _, t := range tables {
		want[t] = true
	}
	done := map[*table]bool{}
	var out []*table
	var visit func(t *table)
	visit = func(t *table) {
		if done[t] {
			return
		}
		done[t] = true
		for _, fk := range t.FKs {
			if p := byKey[refKey(t, fk)]; p != nil && p != t && want[p] {
				visit(p)
			}
		}
		out = append(out, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return out
}

// refKey names the table a foreign key references, as table.Key does.
func refKey(t *table, fk foreignKey) string {
	p := table{Schema: fk.RefSchema, Name: fk.RefTable}
	if p.Schema == "" {
		p.Schema = t.Schema
	}
	return p.Key()
}

type generator struct {
	db      *sql.DB
	dialect lint.Dialect
	byKey   map[string]*table
}

func (g *generator) postgres() bool { return g.dialect.Family() == lint.PostgreSQL }

func (g *generator) ident(name string) string {
	if g.postgres() {
		return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

func (g *generator) name(t *table) string {
	if g.postgres() {
		return g.ident(t.Schema) + "." + g.ident(t.Name)
	}
	return g.ident(t.Name)
}

func (g *generator) literal(s string) string {
	s = strings.ReplaceAll(s, "'", "''")
	if !g.postgres() {
		s = strings.ReplaceAll(s, `\`, `\\`)
	}
	return "'" + s + "'"
}

// cell is one generated value: a literal, or NULL.
type cell struct {
	sql  string
	null bool
}

// fill inserts the generated rows into one table, one row at a time so
// that a row the table refuses costs only that row. It returns how many
// rows went in, or why none did.
func (g *generator) fill(ctx context.Context, t *table) (int, string) {
	if len(t.Triggers) > 0 {
		return 0, fmt.Sprintf("it has triggers (%s), whose effects cannot be predicted", strings.Join(t.Triggers, ", "))
	}
	unique := map[string]bool{}
	for _, u := range t.Uniques {
		for _, c := range u {
			unique[c] = true
		}
	}
	// Foreign key columns take their values from the parent's rows.
	fkValues := map[string][]cell{}
	for _, fk := range t.FKs {
		nullable := true
		for _, name := range fk.Columns {
			if c := t.column(name); c != nil && c.NotNull {
				nullable = false
			}
		}
		var parentRows [][]string
		if refKey(t, fk) == t.Key() {
			if !nullable {
				return 0, fmt.Sprintf("it references itself through NOT NULL %s", strings.Join(fk.Columns, ", "))
			}
		} else {
			rows, err := g.parentRows(ctx, t, fk)
			if err != nil {
				return 0, fmt.Sprintf("the rows of its parent table %q cannot be read: %s", refKey(t, fk), dbError(err))
			}
			if len(rows) == 0 && !nullable {
				return 0, fmt.Sprintf("its parent table %q has no rows", refKey(t, fk))
			}
			parentRows = rows
		}
		for j, name := range fk.Columns {
			vals := make([]cell, generatedRows)
			for i := range vals {
				switch {
				case len(parentRows) == 0 || (i == 2 && nullable):
					vals[i] = cell{null: true}
				case unique[name] && i >= len(parentRows):
					vals[i] = cell{sql: "", null: false} // no distinct parent left: the row is dropped below
				default:
					k := i
					if i == 1 && !unique[name] {
						k = 0
					}
					vals[i] = cell{sql: g.literal(parentRows[k%len(parentRows)][j])}
				}
			}
			fkValues[name] = vals
		}
	}
	var cols []*column
	for _, c := range t.Columns {
		if c.Auto {
			continue
		}
		if _, isFK := fkValues[c.Name]; !isFK && c.Kind == "" {
			if c.NotNull && !c.HasDef {
				return 0, fmt.Sprintf("no values can be generated for column %q of type %s", c.Name, c.Type)
			}
			if c.NotNull {
				continue // its default fills it
			}
		}
		cols = append(cols, c)
	}
	rows := make([][]cell, 0, generatedRows)
	for i := 0; i < generatedRows; i++ {
		row := make([]cell, len(cols))
		ok := true
		for j, c := range cols {
			if vals, isFK := fkValues[c.Name]; isFK {
				row[j] = vals[i]
			} else {
				row[j] = g.value(c, i, unique[c.Name])
			}
			if !row[j].null && row[j].sql == "" {
				ok = false
			}
		}
		if ok {
			rows = append(rows, row)
		}
	}
	candidates := g.checkCandidates(t, cols)
	inserted, lastErr := 0, ""
	for _, row := range rows {
		err := g.insert(ctx, t, cols, row)
		for attempt := 0; err != nil && len(candidates) > 0 && attempt < 8; attempt++ {
			err = g.insert(ctx, t, cols, withCandidates(row, candidates, attempt))
		}
		if err != nil {
			lastErr = dbError(err)
			if ctx.Err() != nil {
				return inserted, lastErr
			}
			continue
		}
		inserted++
	}
	if inserted == 0 {
		if lastErr == "" {
			lastErr = "no row could be made that its unique keys accept"
		}
		return 0, "no generated row was accepted: " + lastErr
	}
	return inserted, ""
}

// parentRows reads the referenced columns of the parent's rows as text.
func (g *generator) parentRows(ctx context.Context, t *table, fk foreignKey) ([][]string, error) {
	parent := g.byKey[refKey(t, fk)]
	if parent == nil {
		return nil, fmt.Errorf("not found")
	}
	exprs := make([]string, len(fk.RefColumns))
	for i, c := range fk.RefColumns {
		if g.postgres() {
			exprs[i] = g.ident(c) + "::text"
		} else {
			exprs[i] = "CAST(" + g.ident(c) + " AS CHAR)"
		}
	}
	rows, err := g.db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT %d",
		strings.Join(exprs, ", "), g.name(parent), notNull(g, fk.RefColumns), strings.Join(exprs, ", "), 2*generatedRows))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals := make([]string, len(exprs))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func notNull(g *generator, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = g.ident(c) + " IS NOT NULL"
	}
	return strings.Join(parts, " AND ")
}

func (g *generator) insert(ctx context.Context, t *table, cols []*column, row []cell) error {
	var stmt string
	switch {
	case len(cols) == 0 && g.postgres():
		stmt = "INSERT INTO " + g.name(t) + " DEFAULT VALUES"
	case len(cols) == 0:
		stmt = "INSERT INTO " + g.name(t) + " () VALUES ()"
	default:
		names := make([]string, len(cols))
		vals := make([]string, len(cols))
		for i, c := range cols {
			names[i] = g.ident(c.Name)
			vals[i] = "NULL"
			if !row[i].null {
				vals[i] = row[i].sql
			}
		}
		stmt = fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", g.name(t), strings.Join(names, ", "), strings.Join(vals, ", "))
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err := g.db.ExecContext(ctx, stmt)
	return err
}

// checkCandidates gives, per column index that a CHECK constraint names,
// values to try when a row is refused: the literals of the constraint
// and the column's ordinary values.
func (g *generator) checkCandidates(t *table, cols []*column) map[int][]cell {
	out := map[int][]cell{}
	for _, chk := range t.Checks {
		strs, nums := checkLiterals(chk.Expr)
		for _, name := range namedColumns(t, chk.Expr) {
			for j, c := range cols {
				if c.Name != name {
					continue
				}
				var list []cell
				switch c.Kind {
				case "string", "enum":
					for _, s := range strs {
						list = append(list, cell{sql: g.literal(s)})
					}
				case "int", "numeric", "float", "money":
					for _, n := range nums {
						if c.Kind == "int" && strings.Contains(n, ".") {
							continue
						}
						list = append(list, cell{sql: g.literal(n)})
					}
				}
				for i := 0; i < 3; i++ {
					list = append(list, g.value(c, i, true))
				}
				out[j] = append(out[j], list...)
			}
		}
	}
	return out
}

// withCandidates replaces the CHECK columns' values with the attempt's
// candidates; columns are offset so that `start < end` meets two
// different values.
func withCandidates(row []cell, candidates map[int][]cell, attempt int) []cell {
	out := append([]cell(nil), row...)
	idx := make([]int, 0, len(candidates))
	for j := range candidates {
		idx = append(idx, j)
	}
	sort.Ints(idx)
	for n, j := range idx {
		list := candidates[j]
		out[j] = list[(attempt+n)%len(list)]
	}
	return out
}

// value is column c's value in row i (see generatedRows). A unique column
// gets values that differ from the rows before; where the type has too few
// values, the empty cell drops the row.
func (g *generator) value(c *column, i int, unique bool) cell {
	if i == 2 && !c.NotNull {
		return cell{null: true}
	}
	if i == 1 && !unique {
		i = 0
	}
	vals := g.values(c)
	if vals == nil {
		return cell{null: true}
	}
	v := vals[i]
	if unique {
		for _, earlier := range vals[:i] {
			if earlier == v {
				return cell{}
			}
		}
	}
	if c.Array {
		v = arrayLiteral(vals, i)
	}
	if g.bare(c) {
		return cell{sql: v}
	}
	return cell{sql: g.literal(v)}
}

// bare: MySQL bit values are numbers, not strings.
func (g *generator) bare(c *column) bool { return !g.postgres() && c.Kind == "bit" && !c.Array }

// values are a column's four values: ordinary A, B and C, and the limit.
func (g *generator) values(c *column) []string {
	switch c.Kind {
	case "int":
		return []string{"1", "2", "0", intLimit(c)}
	case "numeric":
		return numericValues(c.Size, c.Scale)
	case "float":
		return []string{"1.5", "2.5", "0", "123456.75"}
	case "money":
		return []string{"1.00", "2.00", "0.00", "9999999.99"}
	case "bool":
		if g.postgres() {
			return []string{"true", "false", "false", "false"}
		}
		return []string{"1", "0", "0", "0"}
	case "string":
		return stringValues(c.Size)
	case "enum":
		if len(c.Labels) == 0 {
			return nil
		}
		l := c.Labels
		return []string{l[0], l[1%len(l)], l[2%len(l)], l[len(l)-1]}
	case "uuid":
		return []string{"00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
			"00000000-0000-4000-8000-000000000003", "ffffffff-ffff-4fff-bfff-ffffffffffff"}
	case "json":
		return []string{`{"ml": 1}`, `{"ml": 2}`, `[]`, `{"ml": "limit", "nested": {"list": [1, 2, 3], "none": null}}`}
	case "date":
		return []string{"2024-01-15", "2024-02-29", "2000-01-01", "2037-12-31"}
	case "timestamp":
		return []string{"2024-01-15 10:30:00", "2024-02-29 23:59:59", "2000-01-01 00:00:00", "2037-12-31 23:59:59"}
	case "timestamptz":
		return []string{"2024-01-15 10:30:00+00", "2024-02-29 23:59:59+00", "2000-01-01 00:00:00+00", "2037-12-31 23:59:59+00"}
	case "time":
		return []string{"10:30:00", "12:00:00", "00:00:00", "23:59:59"}
	case "timetz":
		return []string{"10:30:00+00", "12:00:00+00", "00:00:00+00", "23:59:59+00"}
	case "interval":
		return []string{"1 day", "2 hours", "0", "100 years"}
	case "year":
		return []string{"2024", "2025", "2000", "2155"}
	case "bytes":
		if g.postgres() {
			return []string{`\x01`, `\x02`, `\x`, `\x` + strings.Repeat("ff", 64)}
		}
		return stringValues(c.Size)
	case "inet":
		return []string{"192.0.2.1", "192.0.2.2", "10.0.0.1", "255.255.255.255"}
	case "cidr":
		return []string{"192.0.2.0/24", "198.51.100.0/24", "10.0.0.0/8", "0.0.0.0/0"}
	case "macaddr":
		return []string{"08:00:2b:01:02:01", "08:00:2b:01:02:02", "08:00:2b:01:02:03", "ff:ff:ff:ff:ff:ff"}
	case "bit":
		if g.postgres() {
			return []string{strings.Repeat("1", c.Size), strings.Repeat("0", c.Size), strings.Repeat("0", c.Size), strings.Repeat("1", c.Size)}
		}
		return []string{"1", "0", "0", strconv.FormatUint(1<<min(c.Size, 63)-1, 10)}
	case "xml":
		return []string{"<ml>1</ml>", "<ml>2</ml>", "<ml/>", "<ml><limit>" + strings.Repeat("x", 200) + "</limit></ml>"}
	case "tsvector":
		return []string{"alpha", "bravo", "charlie", "zulu limit"}
	}
	return nil
}

// intLimit is a value beyond the range of the next narrower integer type
// (so a narrowing cast fails), with room left for arithmetic.
func intLimit(c *column) string {
	switch c.Size {
	case 8:
		if c.Unsigned {
			return "200"
		}
		return "100"
	case 16:
		if c.Unsigned {
			return "65000"
		}
		return "32000"
	case 24:
		return "8000000"
	case 32:
		if c.Unsigned {
			return "4000000000"
		}
		return "2000000000"
	}
	return "9000000000000000000"
}

// numericValues fill the precision: 999.99 for numeric(5,2).
func numericValues(precision, scale int) []string {
	if precision == 0 {
		return []string{"1", "2", "0", "99999999999999.999999"}
	}
	whole := precision - scale
	limit := strings.Repeat("9", max(whole, 1))
	if whole <= 0 {
		limit = "0"
	}
	if scale > 0 {
		limit += "." + strings.Repeat("9", scale)
	}
	if whole <= 0 {
		unit := "0." + strings.Repeat("0", scale-1)
		return []string{unit + "1", unit + "2", "0", limit}
	}
	return []string{"1", "2", "0", limit}
}

// unboundedLimit is the length of the long value of a text column with no
// declared length.
const unboundedLimit = 1000

// stringValues: three words that are not numbers, and a value exactly as
// long as the column allows.
func stringValues(size int) []string {
	limit := size
	if limit == 0 || limit > unboundedLimit {
		limit = unboundedLimit
	}
	long := "zulu-"
	for len(long) < limit {
		long += "abcdefghijklmnopqrstuvwxyz"
	}
	out := []string{"alpha", "bravo", "charlie", long[:limit]}
	for i, v := range out[:3] {
		if len(v) > limit {
			out[i] = v[:limit]
		}
	}
	return out
}

// arrayLiteral is a PostgreSQL array of the element values: one element,
// another, none, and two (the long one first).
func arrayLiteral(vals []string, i int) string {
	quote := func(v string) string {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), `"`, `\"`) + `"`
	}
	switch i {
	case 0:
		return "{" + quote(vals[0]) + "}"
	case 1:
		return "{" + quote(vals[1]) + "}"
	case 2:
		return "{}"
	}
	return "{" + quote(vals[3]) + "," + quote(vals[0]) + "}"
}

// dbError is a database error as the notes give it: the server's message
// with its SQLSTATE or errno, without the driver's decoration.
func dbError(err error) string {
	var pg *pgconn.PgError
	var my *mysql.MySQLError
	switch {
	case errors.As(err, &pg):
		return fmt.Sprintf("%s (SQLSTATE %s)", pg.Message, pg.Code)
	case errors.As(err, &my):
		return fmt.Sprintf("%s (errno %d)", my.Message, my.Number)
	}
	return firstLine(err.Error())
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// table is what the row generator needs to know about one table: its
// columns, keys, foreign keys, CHECK constraints and triggers.
type table struct {
	Schema, Name string
	Columns      []*column
	// Uniques are the column sets of the primary key, unique constraints
	// and unique indexes.
	Uniques [][]string
	FKs     []foreignKey
	Checks  []check
	// Triggers are user triggers: what they do cannot be predicted.
	Triggers []string
}

// column is one column with its type broken down for value generation.
type column struct {
	Name string
	// Kind is the type family: int, numeric, float, bool, string, enum,
	// uuid, json, date, timestamp, timestamptz, time, timetz, interval,
	// bytes, inet, cidr, macaddr, bit, year, xml, tsvector, money; ""
	// when values of the type cannot be generated.
	Kind string
	// Type is the type as the catalog shows it, for notes.
	Type string
	// Size is the largest value of an int (its width), the length of a
	// string or bytes column (0: unbounded), or the precision of a
	// numeric; Scale its scale.
	Size, Scale int
	Unsigned    bool
	// Labels are an enum's (or MySQL SET's) values.
	Labels []string
	// Array: a PostgreSQL array of Kind.
	Array   bool
	NotNull bool
	HasDef  bool
	// Auto: identity, serial, auto_increment or generated: never given a
	// value.
	Auto bool
}

type foreignKey struct {
	Name       string
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
}

type check struct {
	Name, Expr string
}

// Key names the table as messages show it: "items", "audit.events".
func (t *table) Key() string {
	if t.Schema == "" || t.Schema == "public" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

func (t *table) column(name string) *column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// sep joins lists inside one catalog value; it appears in no identifier.
const sep = "\x1f"

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// pgUserTables restricts a relation (alias c, namespace n) to the user's
// ordinary and partitioned tables.
const pgUserTables = `c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
  AND c.relname <> 'alembic_version'`

var pgCatalog = struct{ tables, columns, constraints, uniqueIndexes, triggers string }{
	tables: `SELECT c.oid::bigint, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ` + pgUserTables,
	columns: `SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typcategory,
	   coalesce(et.typname, ''),
	   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
	   a.attnotnull, a.atthasdef, coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
	   a.attidentity <> '' OR a.attgenerated <> '',
	   coalesce((SELECT string_agg(e.enumlabel, E'\x1f' ORDER BY e.enumsortorder) FROM pg_enum e
	             WHERE e.enumtypid = coalesce(et.oid, bt.oid)), '')
	 FROM pg_attribute a
	 JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 JOIN pg_type t ON t.oid = a.atttypid
	 JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
	 LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
	 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
	 WHERE a.attnum > 0 AND NOT a.attisdropped AND ` + pgUserTables + `
	 ORDER BY a.attrelid, a.attnum`,
	constraints: `SELECT k.conrelid::bigint, k.contype, k.conname,
	   array_to_string(array(SELECT att.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, i)
	     JOIN pg_attribute att ON att.attrelid = k.conrelid AND att.attnum = u.num ORDER BY u.i), E'\x1f'),
	   coalesce(fn.nspname, ''), coalesce(fc.relname, ''),
	   array_to_string(array(SELECT att.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, i)
	     JOIN pg_attribute att ON att.attrelid = k.confrelid AND att.attnum = u.num ORDER BY u.i), E'\x1f'),
	   pg_get_constraintdef(k.oid)
	 FROM pg_constraint k
	 JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
	 WHERE k.contype IN ('p', 'u', 'f', 'c') AND ` + pgUserTables,
	// Unique indexes that no constraint owns; an expression index counts
	// every column its definition names.
	uniqueIndexes: `SELECT i.indrelid::bigint,
	   array_to_string(array(SELECT att.attname FROM unnest(i.indkey::int2[]) u(num)
	     JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = u.num), E'\x1f'),
	   pg_get_indexdef(i.indexrelid)
	 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
	   AND ` + pgUserTables,
	triggers: `SELECT g.tgrelid::bigint, g.tgname FROM pg_trigger g
	 JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE NOT g.tgisinternal AND ` + pgUserTables,
}

// readTables reads every user table of the database the connection points
// at, for the row generator.
func readTables(ctx context.Context, db *sql.DB, dialect lint.Dialect) ([]*table, error) {
	if dialect.Family() == lint.PostgreSQL {
		return readPostgresTables(ctx, db)
	}
	return readMySQLTables(ctx, db, dialect)
}

// listTables names the user's tables, without the rest of the catalog.
func listTables(ctx context.Context, db *sql.DB, dialect lint.Dialect) ([]*table, error) {
	var tables []*table
	if dialect.Family() == lint.PostgreSQL {
		err := query(ctx, db, pgCatalog.tables, func(r *sql.Rows) error {
			var oid int64
			t := &table{}
			if err := r.Scan(&oid, &t.Schema, &t.Name); err != nil {
				return err
			}
			tables = append(tables, t)
			return nil
		})
		return tables, err
	}
	err := query(ctx, db, mysqlCatalog.tables, func(r *sql.Rows) error {
		t := &table{}
		if err := r.Scan(&t.Name); err != nil {
			return err
		}
		tables = append(tables, t)
		return nil
	})
	return tables, err
}

// query runs a catalog query and hands each row's values to scan.
func query(ctx context.Context, db *sql.DB, q string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("read the catalog: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("read the catalog: %w", err)
		}
	}
	return rows.Err()
}

func readPostgresTables(ctx context.Context, db *sql.DB) ([]*table, error) {
	byOID := map[int64]*table{}
	var tables []*table
	if err := query(ctx, db, pgCatalog.tables, func(r *sql.Rows) error {
		var oid int64
		t := &table{}
		if err := r.Scan(&oid, &t.Schema, &t.Name); err != nil {
			return err
		}
		byOID[oid] = t
		tables = append(tables, t)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, pgCatalog.columns, func(r *sql.Rows) error {
		var oid int64
		var name, display, typ, category, elem, def, labels string
		var typmod int
		var notNull, hasDef, auto bool
		if err := r.Scan(&oid, &name, &display, &typ, &category, &elem, &typmod, &notNull, &hasDef, &def, &auto, &labels); err != nil {
			return err
		}
		t := byOID[oid]
		if t == nil {
			return nil
		}
		c := &column{Name: name, Type: display, NotNull: notNull, HasDef: hasDef, Labels: split(labels)}
		c.Auto = auto || strings.HasPrefix(def, "nextval(")
		if category == "A" {
			c.Array = true
			typ = elem
		}
		pgKind(c, typ, typmod)
		t.Columns = append(t.Columns, c)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, pgCatalog.constraints, func(r *sql.Rows) error {
		var oid int64
		var kind, name, cols, refSchema, refTable, refCols, def string
		if err := r.Scan(&oid, &kind, &name, &cols, &refSchema, &refTable, &refCols, &def); err != nil {
			return err
		}
		t := byOID[oid]
		if t == nil {
			return nil
		}
		switch kind {
		case "p", "u":
			t.Uniques = append(t.Uniques, split(cols))
		case "f":
			t.FKs = append(t.FKs, foreignKey{Name: name, Columns: split(cols), RefSchema: refSchema, RefTable: refTable, RefColumns: split(refCols)})
		case "c":
			t.Checks = append(t.Checks, check{Name: name, Expr: def})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, pgCatalog.uniqueIndexes, func(r *sql.Rows) error {
		var oid int64
		var cols, def string
		if err := r.Scan(&oid, &cols, &def); err != nil {
			return err
		}
		if t := byOID[oid]; t != nil {
			t.Uniques = append(t.Uniques, append(split(cols), namedColumns(t, def)...))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, pgCatalog.triggers, func(r *sql.Rows) error {
		var oid int64
		var name string
		if err := r.Scan(&oid, &name); err != nil {
			return err
		}
		if t := byOID[oid]; t != nil {
			t.Triggers = append(t.Triggers, name)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return tables, nil
}

// pgKind sorts a PostgreSQL type into a generator kind.
func pgKind(c *column, typ string, typmod int) {
	switch typ {
	case "int2":
		c.Kind, c.Size = "int", 16
	case "int4", "oid":
		c.Kind, c.Size = "int", 32
	case "int8":
		c.Kind, c.Size = "int", 64
	case "numeric":
		c.Kind = "numeric"
		if typmod > 4 {
			c.Size, c.Scale = ((typmod-4)>>16)&0xffff, (typmod-4)&0xffff
		}
	case "float4", "float8":
		c.Kind = "float"
	case "bool":
		c.Kind = "bool"
	case "varchar", "bpchar", "text", "citext", "name":
		c.Kind = "string"
		if (typ == "varchar" || typ == "bpchar") && typmod > 4 {
			c.Size = typmod - 4
		}
	case "uuid":
		c.Kind = "uuid"
	case "json", "jsonb":
		c.Kind = "json"
	case "date", "timestamp", "timestamptz", "time", "timetz", "interval", "inet", "cidr", "macaddr", "xml", "tsvector", "money":
		c.Kind = typ
	case "bytea":
		c.Kind = "bytes"
	case "bit", "varbit":
		c.Kind, c.Size = "bit", max(typmod, 1)
	default:
		if len(c.Labels) > 0 {
			c.Kind = "enum"
		}
	}
}

// namedColumns lists the table's columns an index or CHECK definition
// names, for expressions the catalog does not break down.
func namedColumns(t *table, def string) []string {
	var out []string
	for _, c := range t.Columns {
		if regexp.MustCompile(`(^|[^\w$])"?` + regexp.QuoteMeta(c.Name) + `"?($|[^\w$])`).MatchString(def) {
			out = append(out, c.Name)
		}
	}
	return out
}

var mysqlCatalog = struct{ tables, columns, uniques, fks, checksMariaDB, checksMySQL, triggers string }{
	tables: `SELECT table_name FROM information_schema.tables
	 WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name <> 'alembic_version'`,
	columns: `SELECT table_name, column_name, data_type, column_type, is_nullable = 'YES', column_default IS NOT NULL, extra,
	   coalesce(character_maximum_length, 0), coalesce(numeric_precision, 0), coalesce(numeric_scale, 0)
	 FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
	uniques: `SELECT table_name, index_name, group_concat(column_name ORDER BY seq_in_index SEPARATOR '\x1f')
	 FROM information_schema.statistics WHERE table_schema = DATABASE() AND non_unique = 0 AND column_name IS NOT NULL
	 GROUP BY table_name, index_name`,
	fks: `SELECT table_name, constraint_name, group_concat(column_name ORDER BY ordinal_position SEPARATOR '\x1f'),
	   referenced_table_name, group_concat(referenced_column_name ORDER BY ordinal_position SEPARATOR '\x1f')
	 FROM information_schema.key_column_usage
	 WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL AND referenced_table_schema = DATABASE()
	 GROUP BY table_name, constraint_name, referenced_table_name`,
	checksMariaDB: `SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
	 WHERE constraint_schema = DATABASE()`,
	checksMySQL: `SELECT tc.table_name, cc.constraint_name, cc.check_clause FROM information_schema.table_constraints tc
	 JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name
	 WHERE tc.table_schema = DATABASE() AND tc.constraint_type = 'CHECK'`,
	triggers: `SELECT event_object_table, trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()`,
}

func readMySQLTables(ctx context.Context, db *sql.DB, dialect lint.Dialect) ([]*table, error) {
	byName := map[string]*table{}
	var tables []*table
	if err := query(ctx, db, mysqlCatalog.tables, func(r *sql.Rows) error {
		t := &table{}
		if err := r.Scan(&t.Name); err != nil {
			return err
		}
		byName[t.Name] = t
		tables = append(tables, t)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, mysqlCatalog.columns, func(r *sql.Rows) error {
		var tname, name, dataType, columnType, extra string
		var nullable, hasDef bool
		var length, precision, scale int64
		if err := r.Scan(&tname, &name, &dataType, &columnType, &nullable, &hasDef, &extra, &length, &precision, &scale); err != nil {
			return err
		}
		t := byName[tname]
		if t == nil {
			return nil
		}
		c := &column{Name: name, Type: columnType, NotNull: !nullable, HasDef: hasDef}
		extra = strings.ToLower(extra)
		c.Auto = strings.Contains(extra, "auto_increment") || (strings.Contains(extra, "generated") && !strings.Contains(extra, "default_generated"))
		mysqlKind(c, strings.ToLower(dataType), strings.ToLower(columnType), int(length), int(precision), int(scale))
		t.Columns = append(t.Columns, c)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, mysqlCatalog.uniques, func(r *sql.Rows) error {
		var tname, index, cols string
		if err := r.Scan(&tname, &index, &cols); err != nil {
			return err
		}
		if t := byName[tname]; t != nil {
			t.Uniques = append(t.Uniques, split(cols))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := query(ctx, db, mysqlCatalog.fks, func(r *sql.Rows) error {
		var tname, name, cols, ref, refCols string
		if err := r.Scan(&tname, &name, &cols, &ref, &refCols); err != nil {
			return err
		}
		if t := byName[tname]; t != nil {
			t.FKs = append(t.FKs, foreignKey{Name: name, Columns: split(cols), RefTable: ref, RefColumns: split(refCols)})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	checks := mysqlCatalog.checksMySQL
	if dialect == lint.MariaDB {
		checks = mysqlCatalog.checksMariaDB
	}
	// Servers before CHECK constraints (MySQL 5.7) have no such view:
	// they have no checks either.
	_ = query(ctx, db, checks, func(r *sql.Rows) error {
		var tname, name, clause string
		if err := r.Scan(&tname, &name, &clause); err != nil {
			return err
		}
		t := byName[tname]
		if t == nil {
			return nil
		}
		// MariaDB's JSON is LONGTEXT with CHECK (json_valid(col)).
		if m := jsonValid.FindStringSubmatch(clause); m != nil {
			if c := t.column(m[1]); c != nil && c.Kind == "string" {
				c.Kind = "json"
				return nil
			}
		}
		t.Checks = append(t.Checks, check{Name: name, Expr: clause})
		return nil
	})
	if err := query(ctx, db, mysqlCatalog.triggers, func(r *sql.Rows) error {
		var tname, name string
		if err := r.Scan(&tname, &name); err != nil {
			return err
		}
		if t := byName[tname]; t != nil {
			t.Triggers = append(t.Triggers, name)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].Name < tables[j].Name })
	return tables, nil
}

var jsonValid = lazyregexp.New("(?i)^\\s*json_valid\\(`?([^`)]+)`?\\)\\s*$")

// mysqlKind sorts a MySQL or MariaDB type into a generator kind.
func mysqlKind(c *column, dataType, columnType string, length, precision, scale int) {
	c.Unsigned = strings.Contains(columnType, "unsigned")
	switch dataType {
	case "tinyint":
		if columnType == "tinyint(1)" {
			c.Kind = "bool"
			return
		}
		c.Kind, c.Size = "int", 8
	case "smallint":
		c.Kind, c.Size = "int", 16
	case "mediumint":
		c.Kind, c.Size = "int", 24
	case "int", "integer":
		c.Kind, c.Size = "int", 32
	case "bigint":
		c.Kind, c.Size = "int", 64
	case "decimal", "numeric":
		c.Kind, c.Size, c.Scale = "numeric", precision, scale
	case "float", "double", "real":
		c.Kind = "float"
	case "bool", "boolean":
		c.Kind = "bool"
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext":
		c.Kind, c.Size = "string", length
		if dataType == "mediumtext" || dataType == "longtext" {
			c.Size = 0
		}
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		c.Kind, c.Size = "bytes", length
		if dataType == "mediumblob" || dataType == "longblob" {
			c.Size = 0
		}
	case "enum", "set":
		c.Kind, c.Labels = "enum", enumLabels(columnType)
	case "json":
		c.Kind = "json"
	case "uuid":
		c.Kind = "uuid"
	case "date", "time", "year":
		c.Kind = dataType
	case "datetime", "timestamp":
		c.Kind = "timestamp"
	case "bit":
		c.Kind, c.Size = "bit", max(precision, 1)
	case "inet4", "inet6":
		c.Kind = "inet"
	}
}

var quoted = lazyregexp.New(`'((?:[^']|'')*)'`)

// enumLabels reads enum('a','b') or set('a','b').
func enumLabels(columnType string) []string {
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(columnType, -1) {
		out = append(out, strings.ReplaceAll(m[1], "''", "'"))
	}
	return out
}

// checkLiterals are the values a CHECK constraint names: quoted strings
// and numbers, with each number's neighbours, so that `qty > 0`, `kind IN
// ('a', 'b')` and `n BETWEEN 1 AND 9` can be satisfied.
func checkLiterals(expr string) (strs []string, nums []string) {
	for _, m := range quoted.FindAllStringSubmatch(expr, -1) {
		strs = append(strs, strings.ReplaceAll(m[1], "''", "'"))
	}
	rest := quoted.ReplaceAllString(expr, "")
	for _, m := range regexp.MustCompile(`(?:^|[^\w.])(-?\d+(?:\.\d+)?)`).FindAllStringSubmatch(rest, -1) {
		if f, err := strconv.ParseFloat(m[1], 64); err == nil {
			nums = append(nums, m[1], strconv.FormatFloat(f+1, 'f', -1, 64), strconv.FormatFloat(f-1, 'f', -1, 64))
		}
	}
	return strs, nums
}

// Package ops lowers a revision's Alembic calls, SQL strings and
// SQLAlchemy Core expressions into typed operations (lint.Op), once per
// revision before any rule runs: this is where op.add_column(...) and
// op.execute("ALTER TABLE ... ADD COLUMN ...") both become an add_column.
// It also builds the per-direction object model (lint.Objects) that says
// what the revision itself creates and drops. It does no I/O.
package ops

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/sql"
)

// opBuilder turns calls into ops, remembering what the revision created so
// far in each direction: operations on those objects lock nothing that
// matters.
type opBuilder struct {
	dialect lint.Dialect
	out     *lint.Operations
	// made is what each direction (indexed by lint.Direction) created
	// so far.
	made [3]madeObjects
	// single holds the op of a call that makes one (most do): returned
	// as a slice of it, read by Lower before the next call, instead of a
	// new slice of a 344-byte op for every call.
	single [1]lint.Op
}

// one returns op as the single op of a call.
func (b *opBuilder) one(op lint.Op) []lint.Op {
	b.single[0] = op
	return b.single[:]
}

// madeObjects are the objects one direction has created so far, lower
// case: temporary tables, tables, columns and indexes. Each map is made
// when first written: the four maps made for every revision, and four
// more for each direction it had, were a sixth of lowering's time.
type madeObjects struct {
	temporary, tables, indexes map[string]bool
	columns                    map[tableColumn]bool
}

// tableColumn names a column by its table. A struct, not "table.column":
// the string was an allocation for every op, and a table name with a
// dot in it ("public.users") could be taken for another's column.
type tableColumn struct{ table, column string }

// mark adds k to the set *m, making the map first if need be.
func mark[K comparable](m *map[K]bool, k K) {
	if *m == nil {
		*m = map[K]bool{}
	}
	(*m)[k] = true
}

// Lower turns a parsed revision's calls into its operations for the
// dialect, in statement order per direction, with the object model.
func Lower(rev *lint.Revision, dialect lint.Dialect) *lint.Operations {
	b := &opBuilder{dialect: dialect, out: &lint.Operations{}}
	// Room for an op per call of each direction, what most calls make:
	// grown by appending from nothing, the ops were copied up to three
	// times and once more to give them a slice of their own length.
	var room [3]int
	for i := range rev.Calls {
		if d := rev.Calls[i].Scope.Direction; int(d) < len(room) && rev.Calls[i].Scope.Dialects.Has(dialect) {
			room[d]++
		}
	}
	b.out.Upgrade = make([]lint.Op, 0, room[lint.DirectionUpgrade])
	b.out.Downgrade = make([]lint.Op, 0, room[lint.DirectionDowngrade])
	for i := range rev.Calls {
		call := &rev.Calls[i]
		// A branch on the connection's dialect that cannot run on this
		// one does nothing here.
		if !call.Scope.Dialects.Has(dialect) {
			continue
		}
		for _, op := range b.opsOfCall(call) {
			keep(&op, call)
			b.add(op)
		}
	}
	// Grown by appending, the ops held up to twice their room; they are
	// kept with the revision until the report. (Before modelOf, which
	// may point into them.)
	b.out.Upgrade, b.out.Downgrade = ownSize(b.out.Upgrade), ownSize(b.out.Downgrade)
	b.out.UpgradeObjects = modelOf(b.out.Upgrade)
	b.out.DowngradeObjects = modelOf(b.out.Downgrade)
	return b.out
}

// ownSize is ops in a slice of its own length; nil when there are none,
// as a direction without ops always was (the room Lower makes for them
// would otherwise leave an empty slice that is not nil).
func ownSize(ops []lint.Op) []lint.Op {
	if len(ops) == 0 {
		return nil
	}
	if cap(ops) > len(ops) {
		return slices.Clone(ops)
	}
	return ops
}

func (b *opBuilder) add(op lint.Op) {
	dir := op.Scope.Direction
	made := &b.made[dir]
	table := strings.ToLower(op.Table)
	if op.Kind == lint.OpCreateTable && op.Temporary {
		mark(&made.temporary, table)
	}
	// Everything done to a temporary table is session-local: no change
	// to the schema.
	op.Temporary = op.Temporary || table != "" && made.temporary[table]
	op.NewTable = table != "" && made.tables[table]
	op.NewColumn = op.NewTable || made.columns[tableColumn{table, strings.ToLower(op.Column)}]
	if op.Kind == lint.OpDropIndex && made.indexes[strings.ToLower(op.Name)] {
		op.NewTable = true
	}
	switch op.Kind {
	case lint.OpCreateTable:
		mark(&made.tables, table)
	case lint.OpRenameTable:
		if made.tables[table] {
			mark(&made.tables, strings.ToLower(op.NewName))
		}
	case lint.OpAddColumn:
		mark(&made.columns, tableColumn{table, strings.ToLower(op.Column)})
	case lint.OpCreateIndex:
		mark(&made.indexes, strings.ToLower(op.Name))
	}
	switch dir {
	case lint.DirectionUpgrade:
		op.Index = len(b.out.Upgrade)
		b.out.Upgrade = append(b.out.Upgrade, op)
	case lint.DirectionDowngrade:
		op.Index = len(b.out.Downgrade)
		b.out.Downgrade = append(b.out.Downgrade, op)
	}
}

// opsOfCall maps one call. Calls that are not operations give nothing.
func (b *opBuilder) opsOfCall(c *lint.Call) []lint.Op {
	base := lint.Op{Span: c.Span, Scope: c.Scope}
	if c.Receiver == lint.ReceiverOther {
		switch {
		case c.Name == "execute" || c.Name == "exec_driver_sql":
			if len(c.Args) > 0 {
				return b.sqlOps(c, c.Args[0], base)
			}
		case c.Name == "create_all":
			base.Kind = lint.OpCreateAll
			return b.one(base)
		case c.Name == "commit" && len(c.Args) == 0 && onMigrationConnection(c.Callee):
			base.Kind = lint.OpCommit
			return b.one(base)
		}
		return nil
	}
	batch := c.Receiver == lint.ReceiverBatch
	// batch_op calls leave out the table argument; shift positions so one
	// mapping serves both forms.
	arg := func(i int, name string) (lint.Value, bool) {
		if batch && i > 0 {
			i--
		} else if batch && i == 0 && name == "table_name" {
			return lint.Value{Kind: lint.KindString, Text: c.Scope.BatchTable}, true
		}
		return c.Arg(i, name)
	}
	str := func(i int, name string) string {
		v, _ := arg(i, name)
		s, _ := v.Str()
		return s
	}
	op := base
	switch c.Name {
	case "create_table":
		op.Kind, op.Table = lint.OpCreateTable, str(0, "table_name")
		if prefixes, ok := c.Arg(-1, "prefixes"); ok {
			for _, p := range prefixes.Args {
				if s, _ := p.Str(); strings.EqualFold(s, "TEMPORARY") || strings.EqualFold(s, "TEMP") {
					op.Temporary = true
				}
			}
		}
	case "drop_table":
		op.Kind, op.Table = lint.OpDropTable, str(0, "table_name")
	case "rename_table":
		op.Kind, op.Table, op.NewName = lint.OpRenameTable, str(0, "old_table_name"), str(1, "new_table_name")
	case "add_column":
		op.Kind = lint.OpAddColumn
		op.Table = tableOf(c, str(0, "table_name"))
		col, _ := arg(1, "column")
		describeColumn(&op, col)
	case "drop_column":
		op.Kind, op.Table, op.Column = lint.OpDropColumn, tableOf(c, str(0, "table_name")), str(1, "column_name")
	case "alter_column":
		op.Kind, op.Table, op.Column = lint.OpAlterColumn, tableOf(c, str(0, "table_name")), str(1, "column_name")
		describeAlter(&op, c)
	case "create_index":
		op.Kind, op.Name, op.Table = lint.OpCreateIndex, str(0, "index_name"), tableOf(c, str(1, "table_name"))
		op.Columns = indexColumns(arg(2, "columns"))
		op.Unique = kwTrue(c, "unique")
		op.Concurrently = kwTrue(c, "postgresql_concurrently")
		if b.dialect.IsMySQLFamily() {
			op.Concurrently = false
		}
	case "drop_index":
		op.Kind, op.Name = lint.OpDropIndex, str(0, "index_name")
		op.Table = tableOf(c, str(1, "table_name"))
		op.Concurrently = kwTrue(c, "postgresql_concurrently")
	case "create_foreign_key":
		op.Kind, op.Name, op.Table = lint.OpCreateForeignKey, str(0, "constraint_name"), tableOf(c, str(1, "source_table"))
		op.Columns = strs(arg(3, "local_cols"))
		op.NotValid = kwTrue(c, "postgresql_not_valid")
	case "create_check_constraint":
		op.Kind, op.Name, op.Table = lint.OpCreateCheckConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		op.NotValid = kwTrue(c, "postgresql_not_valid")
		if cond, ok := arg(2, "condition"); ok {
			op.Columns = identifiersIn(literalText(cond))
		}
	case "create_unique_constraint":
		op.Kind, op.Name, op.Table = lint.OpCreateUniqueConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		op.Columns = strs(arg(2, "columns"))
	case "create_primary_key":
		op.Kind, op.Name, op.Table = lint.OpCreatePrimaryKey, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		op.Columns = strs(arg(2, "columns"))
	case "drop_constraint":
		op.Kind, op.Name, op.Table = lint.OpDropConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		if t, ok := c.Arg(-1, "type_"); ok {
			op.ConstraintType, _ = t.Str()
		}
		if op.ConstraintType == "primary" {
			op.Kind = lint.OpDropPrimaryKey
		}
	case "bulk_insert":
		op.Kind = lint.OpInsert
		if t, ok := c.Arg(0, "table"); ok {
			op.Table = tableExprName(t)
		}
	case "batch_alter_table":
		op.Kind, op.Table = lint.OpBatch, str(0, "table_name")
		if r, ok := c.Arg(-1, "recreate"); ok {
			op.Recreate, _ = r.Str()
		}
	case "execute":
		if len(c.Args) > 0 {
			return b.sqlOps(c, c.Args[0], base)
		}
		return nil
	default:
		return nil
	}
	switch op.Kind {
	case lint.OpDropConstraint, lint.OpDropPrimaryKey, lint.OpCreateForeignKey, lint.OpCreateCheckConstraint,
		lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey, lint.OpCreateIndex, lint.OpDropIndex:
		if v, ok := arg(0, ""); ok && v.Kind == lint.KindNone {
			op.NameIsNone = true
		}
	}
	return b.one(op)
}

// strs reads a list of string literals (the columns of an index).
func strs(v lint.Value, _ bool) []string {
	var out []string
	for _, e := range v.Args {
		if s, ok := e.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}

// tableOf is the table of a call: its argument, or the batch's table.
func tableOf(c *lint.Call, fromArg string) string {
	if c.Receiver == lint.ReceiverBatch {
		return c.Scope.BatchTable
	}
	return fromArg
}

func kwTrue(c *lint.Call, name string) bool {
	v, ok := c.Arg(-1, name)
	return ok && v.IsTrue()
}

// tableExprName reads sa.table("users", ...) or a name.
func tableExprName(v lint.Value) string {
	if v.Kind == lint.KindCall && (v.CalleeName() == "table" || v.CalleeName() == "Table") && len(v.Args) > 0 {
		s, _ := v.Args[0].Str()
		return s
	}
	return ""
}

// describeColumn reads sa.Column("name", Type, nullable=..., server_default=..., default=...).
func describeColumn(op *lint.Op, col lint.Value) {
	if col.Kind != lint.KindCall {
		return
	}
	if len(col.Args) > 0 {
		op.Column, _ = col.Args[0].Str()
	}
	if len(col.Args) > 1 {
		op.Type = typeOf(col.Args[1])
	}
	nullable := !kwIsTrue(col, "primary_key")
	if v, ok := col.Keyword("nullable"); ok && (v.IsTrue() || v.IsFalse()) {
		nullable = v.IsTrue()
	}
	op.Nullable = lint.Bool(nullable)
	if v, ok := col.Keyword("server_default"); ok && v.Kind != lint.KindNone {
		op.ServerDefault = defaultText(v)
		op.VolatileDefault = sql.IsVolatileDefault(op.ServerDefault)
	}
	if v, ok := col.Keyword("default"); ok && v.Kind != lint.KindNone {
		op.ClientDefault = true
	}
	// sa.Identity() and sa.Sequence(...) give the column a server-side
	// value for every row, existing ones included.
	for _, a := range col.Args[min(len(col.Args), 2):] {
		if a.Kind == lint.KindCall && (a.CalleeName() == "Identity" || a.CalleeName() == "Sequence") && op.ServerDefault == "" {
			op.ServerDefault = strings.ToLower(a.CalleeName()) + "()"
		}
	}
	serialDefault(op)
}

func kwIsTrue(v lint.Value, name string) bool {
	k, ok := v.Keyword(name)
	return ok && k.IsTrue()
}

func describeAlter(op *lint.Op, c *lint.Call) {
	if v, ok := c.Arg(-1, "nullable"); ok && (v.IsTrue() || v.IsFalse()) {
		op.Nullable = lint.Bool(v.IsTrue())
	}
	if v, ok := c.Arg(-1, "existing_nullable"); ok && (v.IsTrue() || v.IsFalse()) {
		op.ExistingNullable = lint.Bool(v.IsTrue())
	}
	if v, ok := c.Arg(-1, "type_"); ok {
		op.Type = typeOf(v)
	}
	if v, ok := c.Arg(-1, "existing_type"); ok {
		op.ExistingType = typeOf(v)
	}
	if v, ok := c.Arg(-1, "new_column_name"); ok {
		op.NewName, _ = v.Str()
	}
	if v, ok := c.Arg(-1, "server_default"); ok && v.Kind != lint.KindNone && !v.IsFalse() {
		op.ServerDefault = defaultText(v)
	}
}

// defaultText renders a server_default: "x", sa.text("now()"),
// sa.func.now().
func defaultText(v lint.Value) string {
	switch {
	case v.Kind == lint.KindString:
		return "'" + v.Text + "'"
	case v.Kind == lint.KindCall && v.CalleeName() == "text" && len(v.Args) > 0:
		return v.Args[0].Text
	case v.Kind == lint.KindCall && strings.Contains(v.Text, "func."):
		return v.CalleeName() + "()"
	}
	return v.Text
}

// typeOf normalises a SQLAlchemy type expression: sa.String(length=20) is
// varchar(20), sa.Numeric(10, 2) numeric(10,2), postgresql.UUID() uuid.
func typeOf(v lint.Value) string {
	if v.Kind != lint.KindCall && v.Kind != lint.KindName {
		return ""
	}
	name := strings.ToLower(v.CalleeName())
	if (name == "datetime" || name == "timestamp") && kwIsTrue(v, "timezone") {
		name = "timestamptz"
	}
	var mods []int
	num := func(x lint.Value) (int, bool) {
		if x.Kind != lint.KindNumber {
			return 0, false
		}
		n := 0
		for _, r := range x.Text {
			if r < '0' || r > '9' {
				return 0, false
			}
			n = n*10 + int(r-'0')
		}
		return n, true
	}
	if v.Kind == lint.KindCall {
		if n, ok := num(argOr(v, 0, "length", "precision")); ok {
			mods = append(mods, n)
			if scale, ok := num(argOr(v, 1, "scale", "")); ok {
				mods = append(mods, scale)
			}
		} else if fsp, ok := num(argOr(v, -1, "fsp", "")); ok {
			// mysql.DATETIME(fsp=6): the fractional seconds are the
			// type's precision, and changing them copies the table.
			mods = append(mods, fsp)
		}
	}
	t := sql.TypeName(name, mods...)
	if v.Kind == lint.KindCall {
		// A collation is part of what the column stores: changing it
		// rebuilds the column's data and indexes, so it stays in the name.
		if coll, ok := v.Keyword("collation"); ok {
			if s, ok := coll.Str(); ok && s != "" {
				t += " collate " + strings.ToLower(s)
			}
		}
	}
	return t
}

// argOr returns positional argument i, else keyword a, else keyword b.
func argOr(v lint.Value, i int, a, b string) lint.Value {
	if x, ok := v.Arg(i, a); ok {
		return x
	}
	x, _ := v.Keyword(b)
	return x
}

// sqlOps parses the SQL given to execute(): a string literal or
// sa.text("..."). Dynamic SQL is recorded, not guessed at; an ORM
// expression such as users.update().where(...) becomes an update.
func (b *opBuilder) sqlOps(c *lint.Call, arg lint.Value, base lint.Op) []lint.Op {
	if arg.Kind == lint.KindCall && arg.CalleeName() == "text" && len(arg.Args) > 0 {
		arg = arg.Args[0]
	}
	if arg.Kind == lint.KindCall {
		return expressionOps(arg, base)
	}
	if arg.Kind != lint.KindString {
		return nil
	}
	if arg.Dynamic {
		b.out.DynamicSQL = append(b.out.DynamicSQL, *c)
		return nil
	}
	// Bound parameters (:name, %s) are filled in by the driver: parse the
	// statement with the dialect's own parameter syntax in their place,
	// or, where the grammar takes no parameter (VARCHAR(:len)), with a
	// value as a client-side driver writes it. A statement with
	// parameters that still does not parse is not called broken: the
	// driver's text is not known.
	text, params := sql.BindPlaceholders(b.dialect, arg.Text)
	stmts, err := sql.Parse(b.dialect, text)
	if err != nil && params > 0 {
		literal, _ := sql.BindPlaceholdersAsLiterals(b.dialect, arg.Text)
		if stmts, err = sql.Parse(b.dialect, literal); err != nil {
			return nil
		}
	}
	positionIn := positionsIn(arg)
	if err != nil {
		var serr *sql.SyntaxError
		if errors.As(err, &serr) && b.dialect != lint.SQLite {
			b.out.SQLErrors = append(b.out.SQLErrors, lint.SQLError{Span: positionIn(serr.Offset), Message: serr.Message})
		}
		return nil
	}
	var ops []lint.Op
	for _, s := range stmts {
		span := positionIn(s.Offset)
		for _, op := range s.Ops {
			op.Span, op.Scope = span, base.Scope
			if op.Kind == lint.OpAddColumn {
				serialDefault(&op)
			}
			if c.Receiver == lint.ReceiverBatch && op.Table == "" {
				op.Table = c.Scope.BatchTable
			}
			ops = append(ops, op)
		}
	}
	return ops
}

// expressionOps recognises SQLAlchemy Core expressions passed to execute:
// t.update(), t.delete(), t.insert(), sa.update(t), sa.delete(t).
func expressionOps(v lint.Value, base lint.Op) []lint.Op {
	op := base
	// The callee chain as written: users.update().values().where, or
	// sa.delete().where: its segments say what the statement is.
	segments := strings.Split(strings.ToLower(v.Text), ".")
	has := func(names ...string) bool {
		for _, s := range segments {
			for _, n := range names {
				if strings.TrimSuffix(s, "()") == n {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("update"):
		op.Kind = lint.OpUpdate
	case has("delete"):
		op.Kind = lint.OpDelete
	case has("insert"):
		op.Kind = lint.OpInsert
	default:
		return nil
	}
	op.HasWhere = has("where", "filter", "filter_by")
	op.Table = coreTable(v)
	return []lint.Op{op}
}

// coreTable names the table of a Core statement: users.update() where
// users = sa.table("users", ...), or sa.delete(users) / sa.update(sa.table("users")).
func coreTable(v lint.Value) string {
	if v.Table() != "" {
		return v.Table()
	}
	for _, a := range v.Args {
		if a.Table() != "" {
			return a.Table()
		}
		if name := tableExprName(a); name != "" {
			return name
		}
	}
	return ""
}

// positionsIn maps byte offsets inside a string literal's text to Python
// positions: the string's first line plus the newlines before the offset.
// It counts from where the previous offset left off, so the statements of
// one string, asked in order, cost one pass over its text.
func positionsIn(s lint.Value) func(offset int) lint.Span {
	pos, line, col := 0, int(s.Content.Line), int(s.Content.Column)
	return func(offset int) lint.Span {
		offset = min(max(offset, 0), len(s.Text))
		if offset < pos {
			pos, line, col = 0, int(s.Content.Line), int(s.Content.Column)
		}
		for pos < offset {
			r, size := utf8.DecodeRuneInString(s.Text[pos:])
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			pos += size
		}
		stmtEnd := offset
		for stmtEnd < len(s.Text) && s.Text[stmtEnd] != '\n' && s.Text[stmtEnd] != ';' {
			stmtEnd++
		}
		return lint.Span{Line: line, Column: col, EndLine: line, EndColumn: col + utf8.RuneCountInString(s.Text[offset:stmtEnd])}
	}
}

// serialDefault gives a column of PostgreSQL's serial pseudo-types the
// default it has: nextval() of its sequence, which numbers every row,
// existing ones included, and is volatile (adding such a column to an
// existing table rewrites it).
func serialDefault(op *lint.Op) {
	switch op.Type {
	case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8":
		if op.ServerDefault == "" {
			op.ServerDefault, op.VolatileDefault = "nextval()", true
		}
	}
}

// onMigrationConnection reports a callee on the connection Alembic runs
// the migration on: op.get_bind().commit, or bind/conn/connection.commit.
// A Session's commit() is not one: a Session bound to that connection
// joins its transaction instead of committing it.
func onMigrationConnection(callee string) bool {
	if strings.HasPrefix(callee, "op.get_bind()") || strings.HasPrefix(callee, "context.get_bind()") {
		return true
	}
	root, _, _ := strings.Cut(callee, ".")
	switch root {
	case "bind", "conn", "connection", "connectable", "migration_connection":
		return true
	}
	return false
}

// indexColumns reads create_index's columns: names, and for expressions
// (sa.text("lower(email)")) the names they use.
func indexColumns(v lint.Value, _ bool) []string {
	var out []string
	for _, e := range v.Args {
		if s, ok := e.Str(); ok && !strings.ContainsAny(s, "( ") {
			out = append(out, s)
			continue
		}
		out = append(out, identifiersIn(literalText(e))...)
	}
	return out
}

// literalText is the SQL a value holds, a string or sa.text("..."), with
// only the literal parts of a dynamic one (an f-string's constants): enough
// to tell which columns an expression names.
func literalText(v lint.Value) string {
	if v.Kind == lint.KindCall && v.CalleeName() == "text" && len(v.Args) > 0 {
		v = v.Args[0]
	}
	if v.Kind != lint.KindString {
		return ""
	}
	return v.Text
}

// sqlWords are the words of a CHECK condition or index expression that
// are not column names.
var sqlWords = map[string]bool{"and": true, "or": true, "not": true, "is": true, "null": true, "in": true, "like": true,
	"ilike": true, "between": true, "true": true, "false": true, "case": true, "when": true, "then": true, "else": true,
	"end": true, "lower": true, "upper": true, "coalesce": true, "length": true, "char_length": true, "trim": true,
	"any": true, "all": true, "array": true, "cast": true, "as": true, "text": true, "integer": true, "varchar": true}

// identifiersIn lists the names a SQL expression uses (outside quotes),
// for telling which columns a CHECK constraint or an expression index
// depends on.
func identifiersIn(expr string) []string {
	var out []string
	seen := map[string]bool{}
	inQuote := false
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		word := strings.Trim(expr[start:end], `"`)
		start = -1
		lw := strings.ToLower(word)
		if word == "" || sqlWords[lw] || seen[lw] || word[0] >= '0' && word[0] <= '9' {
			return
		}
		seen[lw] = true
		out = append(out, word)
	}
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case c == '\'':
			flush(i)
			inQuote = !inQuote
		case inQuote:
		case c == '_' || c == '"' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && start >= 0:
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(expr))
	return out
}

// Package ops lowers a revision's Alembic calls, SQL strings and
// SQLAlchemy Core expressions into typed operations (lint.Op), once per
// revision before any rule runs: this is where op.add_column(...) and
// op.execute("ALTER TABLE ... ADD COLUMN ...") both become an add_column.
// It also builds the per-direction object model (lint.Objects) that says
// what the revision itself creates and drops. It does no I/O.
package ops

import (
	"errors"
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
	tables  map[lint.Direction]map[string]bool
	columns map[lint.Direction]map[string]bool
	indexes map[lint.Direction]map[string]bool
}

// Lower turns a parsed revision's calls into its operations for the
// dialect, in statement order per direction, with the object model.
func Lower(rev *lint.Revision, dialect lint.Dialect) *lint.Operations {
	b := &opBuilder{
		dialect: dialect, out: &lint.Operations{},
		tables:  map[lint.Direction]map[string]bool{},
		columns: map[lint.Direction]map[string]bool{},
		indexes: map[lint.Direction]map[string]bool{},
	}
	for i := range rev.Calls {
		call := &rev.Calls[i]
		for _, op := range b.opsOfCall(call) {
			b.add(op)
		}
	}
	b.out.UpgradeObjects = modelOf(b.out.Upgrade)
	b.out.DowngradeObjects = modelOf(b.out.Downgrade)
	return b.out
}

func (b *opBuilder) add(op lint.Op) {
	dir := op.Scope.Direction
	if b.tables[dir] == nil {
		b.tables[dir], b.columns[dir], b.indexes[dir] = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	tables, columns, indexes := b.tables[dir], b.columns[dir], b.indexes[dir]
	table := strings.ToLower(op.Table)
	op.NewTable = table != "" && tables[table]
	op.NewColumn = op.NewTable || columns[table+"."+strings.ToLower(op.Column)]
	if op.Kind == lint.OpDropIndex && indexes[strings.ToLower(op.Name)] {
		op.NewTable = true
	}
	switch op.Kind {
	case lint.OpCreateTable:
		tables[table] = true
	case lint.OpRenameTable:
		if tables[table] {
			tables[strings.ToLower(op.NewName)] = true
		}
	case lint.OpAddColumn:
		columns[table+"."+strings.ToLower(op.Column)] = true
	case lint.OpCreateIndex:
		indexes[strings.ToLower(op.Name)] = true
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
	base := lint.Op{Span: c.Span, Scope: c.Scope, Call: c}
	if c.Receiver == lint.ReceiverOther {
		switch {
		case c.Name == "execute" || c.Name == "exec_driver_sql":
			if len(c.Args) > 0 {
				return b.sqlOps(c, c.Args[0], base)
			}
		case c.Name == "create_all":
			base.Kind = lint.OpCreateAll
			return []lint.Op{base}
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
		op.NotValid = kwTrue(c, "postgresql_not_valid")
	case "create_check_constraint":
		op.Kind, op.Name, op.Table = lint.OpCreateCheckConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		op.NotValid = kwTrue(c, "postgresql_not_valid")
	case "create_unique_constraint":
		op.Kind, op.Name, op.Table = lint.OpCreateUniqueConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
	case "create_primary_key":
		op.Kind, op.Name, op.Table = lint.OpCreatePrimaryKey, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
	case "drop_constraint":
		op.Kind, op.Name, op.Table = lint.OpDropConstraint, str(0, "constraint_name"), tableOf(c, str(1, "table_name"))
		if t, _ := c.Arg(-1, "type_"); t.Text == "primary" {
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
	return []lint.Op{op}
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
		}
	}
	return sql.TypeName(name, mods...)
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
	stmts, err := sql.Parse(b.dialect, arg.Text)
	if err != nil {
		var serr *sql.SyntaxError
		if errors.As(err, &serr) && b.dialect != lint.SQLite {
			b.out.SQLErrors = append(b.out.SQLErrors, lint.SQLError{Span: positionIn(arg, serr.Offset), Message: serr.Message})
		}
		return nil
	}
	var ops []lint.Op
	for _, s := range stmts {
		span := positionIn(arg, s.Offset)
		for _, op := range s.Ops {
			op.Span, op.Scope, op.Call = span, base.Scope, c
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
	text := strings.ToLower(v.Text)
	op := base
	switch {
	case strings.Contains(text, "update("):
		op.Kind = lint.OpUpdate
	case strings.Contains(text, "delete("):
		op.Kind = lint.OpDelete
	case strings.Contains(text, "insert("):
		op.Kind = lint.OpInsert
	default:
		return nil
	}
	op.HasWhere = strings.Contains(text, ".where(") || strings.Contains(text, ".filter(")
	return []lint.Op{op}
}

// positionIn maps a byte offset inside a string literal's text to the
// Python position: the string's first line plus the newlines before it.
func positionIn(s lint.Value, offset int) lint.Span {
	offset = min(max(offset, 0), len(s.Text))
	before := s.Text[:offset]
	lines := strings.Count(before, "\n")
	line := s.Content.Line + lines
	col := s.Content.Column + utf8.RuneCountInString(before)
	if lines > 0 {
		col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	}
	stmtEnd := offset
	for stmtEnd < len(s.Text) && s.Text[stmtEnd] != '\n' && s.Text[stmtEnd] != ';' {
		stmtEnd++
	}
	return lint.Span{Line: line, Column: col, EndLine: line, EndColumn: col + utf8.RuneCountInString(s.Text[offset:stmtEnd])}
}

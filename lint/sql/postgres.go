package sql

import (
	"encoding/json"
	"errors"
	"strings"

	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/migrate-lint/migrate-lint/lint"
)

// parsePostgres parses with PostgreSQL's own grammar (libpg_query) and
// reads its JSON output into the few node types the lowering looks at
// (pgnodes.go). pg_query_go's protobuf tree would cost more than the
// grammar: its package init registers hundreds of message types in every
// process, and the first decoding in a process takes tens of
// milliseconds of reflection set-up, for a check of a handful of files.
func parsePostgres(text string) ([]Statement, error) {
	js, err := pgparser.ParseToJSON(text)
	if err != nil {
		var perr *pgparser.Error
		if errors.As(err, &perr) {
			return nil, syntaxError(max(perr.Cursorpos-1, 0), perr.Message)
		}
		return nil, syntaxError(0, err.Error())
	}
	var tree pgParseResult
	if decodePG(js, &tree) != nil {
		// What decodePG does not expect, encoding/json reads or names.
		tree = pgParseResult{}
		if err := json.Unmarshal([]byte(js), &tree); err != nil {
			return nil, syntaxError(0, "libpg_query's output could not be read: "+err.Error())
		}
	}
	var out []Statement
	for _, raw := range tree.Stmts {
		start := raw.StmtLocation
		end := len(text)
		if raw.StmtLen > 0 {
			end = start + raw.StmtLen
		}
		if start < 0 || start > end || end > len(text) {
			return nil, syntaxError(0, "libpg_query gave a statement outside the SQL")
		}
		// The statement location points at the end of the previous
		// statement; skip to its first word.
		for start < end && strings.ContainsRune(" \t\r\n;", rune(text[start])) {
			start++
		}
		stmt := Statement{Offset: start, Text: strings.TrimSpace(text[start:end])}
		stmt.Ops = pgOps(&raw.Stmt)
		for i := range stmt.Ops {
			stmt.Ops[i].SQL = stmt.Text
		}
		out = append(out, stmt)
	}
	return out, nil
}

func pgOps(n *pgNode) []lint.Op {
	switch {
	case n.IndexStmt != nil:
		s := n.IndexStmt
		op := lint.Op{Kind: lint.OpCreateIndex, Table: relName(s.Relation), Name: s.Idxname, Concurrently: s.Concurrent, Unique: s.Unique}
		for _, p := range s.IndexParams {
			if e := p.IndexElem; e != nil && e.Name != "" {
				op.Columns = append(op.Columns, e.Name)
			}
		}
		return []lint.Op{op}
	case n.AlterTableStmt != nil:
		s := n.AlterTableStmt
		if s.Objtype == "OBJECT_INDEX" {
			return []lint.Op{{Kind: lint.OpOtherDDL, Table: relName(s.Relation)}}
		}
		var ops []lint.Op
		for _, c := range s.Cmds {
			if cmd := c.AlterTableCmd; cmd != nil {
				op := pgAlterCmd(cmd)
				op.Table = relName(s.Relation)
				ops = append(ops, op)
			}
		}
		return ops
	case n.DropStmt != nil:
		return pgDrop(n.DropStmt)
	case n.RenameStmt != nil:
		s := n.RenameStmt
		switch s.RenameType {
		case "OBJECT_COLUMN":
			return []lint.Op{{Kind: lint.OpAlterColumn, Table: relName(s.Relation), Column: s.Subname, NewName: s.Newname}}
		case "OBJECT_TABLE":
			return []lint.Op{{Kind: lint.OpRenameTable, Table: relName(s.Relation), NewName: s.Newname}}
		}
		return []lint.Op{{Kind: lint.OpOtherDDL, Table: relName(s.Relation)}}
	case n.UpdateStmt != nil:
		s := n.UpdateStmt
		return []lint.Op{{Kind: lint.OpUpdate, Table: relName(s.Relation), HasWhere: s.WhereClause != nil}}
	case n.DeleteStmt != nil:
		s := n.DeleteStmt
		return []lint.Op{{Kind: lint.OpDelete, Table: relName(s.Relation), HasWhere: s.WhereClause != nil}}
	case n.InsertStmt != nil:
		return []lint.Op{{Kind: lint.OpInsert, Table: relName(n.InsertStmt.Relation)}}
	case n.TruncateStmt != nil:
		s := n.TruncateStmt
		var ops []lint.Op
		for _, r := range s.Relations {
			ops = append(ops, lint.Op{Kind: lint.OpTruncate, Table: relName(r.RangeVar), Cascade: s.Behavior == "DROP_CASCADE"})
		}
		return ops
	case n.CreateStmt != nil:
		rel := n.CreateStmt.Relation
		return []lint.Op{{Kind: lint.OpCreateTable, Table: relName(rel), Temporary: rel.persistence() == "t"}}
	case n.CreateTableAsStmt != nil && n.CreateTableAsStmt.Into != nil:
		s := n.CreateTableAsStmt
		rel := s.Into.Rel
		if s.Objtype == "OBJECT_MATVIEW" {
			return []lint.Op{{Kind: lint.OpCreateView, Table: relName(rel)}}
		}
		return []lint.Op{{Kind: lint.OpCreateTable, Table: relName(rel), Temporary: rel.persistence() == "t"}}
	case n.ViewStmt != nil:
		return []lint.Op{{Kind: lint.OpCreateView, Table: relName(n.ViewStmt.View)}}
	case n.VariableSetStmt != nil:
		s := n.VariableSetStmt
		if strings.EqualFold(s.Name, "lock_timeout") || strings.EqualFold(s.Name, "statement_timeout") {
			return []lint.Op{{Kind: lint.OpSetLockTimeout}}
		}
		return []lint.Op{{Kind: lint.OpOther}}
	case n.AlterEnumStmt != nil:
		s := n.AlterEnumStmt
		if s.NewVal != "" && s.OldVal == "" {
			return []lint.Op{{Kind: lint.OpAddEnumValue, Name: qualifiedName(s.TypeName), NewName: s.NewVal}}
		}
		return []lint.Op{{Kind: lint.OpOtherDDL}}
	case n.CreateEnumStmt != nil:
		return []lint.Op{{Kind: lint.OpCreateType, Name: qualifiedName(n.CreateEnumStmt.TypeName)}}
	case n.DropdbStmt != nil:
		return []lint.Op{{Kind: lint.OpDropSchema, Name: n.DropdbStmt.Dbname}}
	case n.TransactionStmt != nil && n.TransactionStmt.Kind == "TRANS_STMT_COMMIT":
		return []lint.Op{{Kind: lint.OpCommit}}
	case n.SelectStmt != nil, n.TransactionStmt != nil:
		return []lint.Op{{Kind: lint.OpOther}}
	}
	return []lint.Op{{Kind: lint.OpOtherDDL}}
}

func pgAlterCmd(cmd *pgAlterTableCmd) lint.Op {
	op := lint.Op{Column: cmd.Name, Cascade: cmd.Behavior == "DROP_CASCADE"}
	switch cmd.Subtype {
	case "AT_AddColumn":
		op.Kind = lint.OpAddColumn
		if def := cmd.Def.columnDef(); def != nil {
			op.Column = def.Colname
			op.Type = typeNameText(def.TypeName)
			notNull := def.IsNotNull
			for _, c := range def.Constraints {
				con := c.Constraint
				switch {
				case con == nil:
				case con.Contype == "CONSTR_NOTNULL", con.Contype == "CONSTR_PRIMARY":
					notNull = true
				case con.Contype == "CONSTR_DEFAULT":
					op.ServerDefault = pgExprText(con.RawExpr)
					op.VolatileDefault = pgVolatile(con.RawExpr)
				}
			}
			op.Nullable = lint.Bool(!notNull)
		}
	case "AT_DropColumn":
		op.Kind = lint.OpDropColumn
	case "AT_AlterColumnType":
		op.Kind = lint.OpAlterColumn
		if def := cmd.Def.columnDef(); def != nil {
			op.Type = typeNameText(def.TypeName)
		}
	case "AT_SetNotNull":
		op.Kind, op.Nullable = lint.OpAlterColumn, lint.Bool(false)
	case "AT_DropNotNull":
		op.Kind, op.Nullable = lint.OpAlterColumn, lint.Bool(true)
	case "AT_ColumnDefault":
		op.Kind = lint.OpAlterColumn
		op.ServerDefault = pgExprText(cmd.Def)
	case "AT_AddConstraint":
		con := cmd.Def.constraint()
		if con == nil {
			op.Kind = lint.OpOtherDDL
			break
		}
		op.Name, op.NotValid = con.Conname, con.SkipValidation
		for _, k := range append(append([]pgNode{}, con.FkAttrs...), con.Keys...) {
			if s := k.String; s != nil {
				op.Columns = append(op.Columns, s.Sval)
			}
		}
		switch con.Contype {
		case "CONSTR_FOREIGN":
			op.Kind = lint.OpCreateForeignKey
		case "CONSTR_CHECK":
			op.Kind = lint.OpCreateCheckConstraint
		case "CONSTR_UNIQUE":
			op.Kind = lint.OpCreateUniqueConstraint
			// ADD CONSTRAINT ... UNIQUE USING INDEX reuses an index built
			// concurrently: nothing is scanned under the lock.
			op.Concurrently = con.Indexname != ""
		case "CONSTR_PRIMARY":
			op.Kind = lint.OpCreatePrimaryKey
			op.Concurrently = con.Indexname != ""
		default:
			op.Kind = lint.OpOtherDDL
		}
	case "AT_DropConstraint":
		op.Kind, op.Name = lint.OpDropConstraint, cmd.Name
	case "AT_ValidateConstraint":
		op.Kind, op.Name = lint.OpValidateConstraint, cmd.Name
	default:
		op.Kind = lint.OpOtherDDL
	}
	return op
}

func pgDrop(s *pgDropStmt) []lint.Op {
	cascade := s.Behavior == "DROP_CASCADE"
	var kind lint.OpKind
	switch s.RemoveType {
	case "OBJECT_TABLE":
		kind = lint.OpDropTable
	case "OBJECT_INDEX":
		kind = lint.OpDropIndex
	case "OBJECT_SCHEMA":
		kind = lint.OpDropSchema
	case "OBJECT_TYPE":
		kind = lint.OpDropType
	default:
		return []lint.Op{{Kind: lint.OpOtherDDL, Cascade: cascade}}
	}
	var ops []lint.Op
	for _, obj := range s.Objects {
		name := qualifiedName(obj.listItems())
		if name == "" && obj.String != nil {
			name = obj.String.Sval
		}
		op := lint.Op{Kind: kind, Cascade: cascade, Concurrently: s.Concurrent}
		if kind == lint.OpDropTable {
			op.Table = lastPart(name)
		} else {
			op.Name = lastPart(name)
		}
		ops = append(ops, op)
	}
	return ops
}

func relName(r *pgRangeVar) string {
	if r == nil {
		return ""
	}
	return r.Relname
}

func qualifiedName(parts []pgNode) string {
	var names []string
	for _, p := range parts {
		if s := p.String; s != nil {
			names = append(names, s.Sval)
		}
	}
	return strings.Join(names, ".")
}

func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func typeNameText(t *pgTypeName) string {
	if t == nil || len(t.Names) == 0 {
		return ""
	}
	name := lastPart(qualifiedName(t.Names))
	var mods []int
	for _, m := range t.Typmods {
		if c := m.AConst; c != nil && c.Ival != nil {
			mods = append(mods, c.Ival.Ival)
		}
	}
	return TypeName(name, mods...)
}

// pgExprText renders a default expression well enough for messages and
// for the volatility check: function calls by name, constants as values.
func pgExprText(n *pgNode) string {
	if n == nil {
		return ""
	}
	if f := n.FuncCall; f != nil {
		return lastPart(qualifiedName(f.Funcname)) + "()"
	}
	if c := n.AConst; c != nil {
		switch {
		case c.Sval != nil:
			return "'" + c.Sval.Sval + "'"
		case c.Ival != nil:
			return "integer"
		case c.Boolval != nil:
			return "boolean"
		}
		return "constant"
	}
	if tc := n.TypeCast; tc != nil {
		return pgExprText(tc.Arg)
	}
	return "expression"
}

func pgVolatile(n *pgNode) bool {
	if n == nil {
		return false
	}
	if f := n.FuncCall; f != nil {
		return IsVolatileDefault(lastPart(qualifiedName(f.Funcname)) + "(")
	}
	if tc := n.TypeCast; tc != nil {
		return pgVolatile(tc.Arg)
	}
	return false
}

package sql

import (
	"errors"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/migrate-lint/migrate-lint/lint"
)

func parsePostgres(text string) ([]Statement, error) {
	tree, err := pg.Parse(text)
	if err != nil {
		var perr *pgparser.Error
		if errors.As(err, &perr) {
			return nil, syntaxError(max(perr.Cursorpos-1, 0), perr.Message)
		}
		return nil, syntaxError(0, err.Error())
	}
	var out []Statement
	for _, raw := range tree.Stmts {
		start := int(raw.StmtLocation)
		end := len(text)
		if raw.StmtLen > 0 {
			end = start + int(raw.StmtLen)
		}
		// The statement location points at the end of the previous
		// statement; skip to its first word.
		for start < end && strings.ContainsRune(" \t\r\n;", rune(text[start])) {
			start++
		}
		stmt := Statement{Offset: start, Text: strings.TrimSpace(text[start:end])}
		stmt.Ops = pgOps(raw.Stmt)
		for i := range stmt.Ops {
			stmt.Ops[i].SQL = stmt.Text
		}
		out = append(out, stmt)
	}
	return out, nil
}

func pgOps(n *pg.Node) []lint.Op {
	switch {
	case n.GetIndexStmt() != nil:
		s := n.GetIndexStmt()
		op := lint.Op{Kind: lint.OpCreateIndex, Table: relName(s.Relation), Name: s.Idxname, Concurrently: s.Concurrent, Unique: s.Unique}
		for _, p := range s.IndexParams {
			if e := p.GetIndexElem(); e != nil && e.Name != "" {
				op.Columns = append(op.Columns, e.Name)
			}
		}
		return []lint.Op{op}
	case n.GetAlterTableStmt() != nil:
		s := n.GetAlterTableStmt()
		if s.Objtype == pg.ObjectType_OBJECT_INDEX {
			return []lint.Op{{Kind: lint.OpOtherDDL, Table: relName(s.Relation)}}
		}
		var ops []lint.Op
		for _, c := range s.Cmds {
			if cmd := c.GetAlterTableCmd(); cmd != nil {
				op := pgAlterCmd(cmd)
				op.Table = relName(s.Relation)
				ops = append(ops, op)
			}
		}
		return ops
	case n.GetDropStmt() != nil:
		return pgDrop(n.GetDropStmt())
	case n.GetRenameStmt() != nil:
		s := n.GetRenameStmt()
		switch s.RenameType {
		case pg.ObjectType_OBJECT_COLUMN:
			return []lint.Op{{Kind: lint.OpAlterColumn, Table: relName(s.Relation), Column: s.Subname, NewName: s.Newname}}
		case pg.ObjectType_OBJECT_TABLE:
			return []lint.Op{{Kind: lint.OpRenameTable, Table: relName(s.Relation), NewName: s.Newname}}
		}
		return []lint.Op{{Kind: lint.OpOtherDDL, Table: relName(s.Relation)}}
	case n.GetUpdateStmt() != nil:
		s := n.GetUpdateStmt()
		return []lint.Op{{Kind: lint.OpUpdate, Table: relName(s.Relation), HasWhere: s.WhereClause != nil}}
	case n.GetDeleteStmt() != nil:
		s := n.GetDeleteStmt()
		return []lint.Op{{Kind: lint.OpDelete, Table: relName(s.Relation), HasWhere: s.WhereClause != nil}}
	case n.GetInsertStmt() != nil:
		return []lint.Op{{Kind: lint.OpInsert, Table: relName(n.GetInsertStmt().Relation)}}
	case n.GetTruncateStmt() != nil:
		s := n.GetTruncateStmt()
		var ops []lint.Op
		for _, r := range s.Relations {
			ops = append(ops, lint.Op{Kind: lint.OpTruncate, Table: relName(r.GetRangeVar()), Cascade: s.Behavior == pg.DropBehavior_DROP_CASCADE})
		}
		return ops
	case n.GetCreateStmt() != nil:
		rel := n.GetCreateStmt().Relation
		return []lint.Op{{Kind: lint.OpCreateTable, Table: relName(rel), Temporary: rel.GetRelpersistence() == "t"}}
	case n.GetCreateTableAsStmt() != nil && n.GetCreateTableAsStmt().GetInto() != nil:
		s := n.GetCreateTableAsStmt()
		rel := s.GetInto().GetRel()
		if s.Objtype == pg.ObjectType_OBJECT_MATVIEW {
			return []lint.Op{{Kind: lint.OpCreateView, Table: relName(rel)}}
		}
		return []lint.Op{{Kind: lint.OpCreateTable, Table: relName(rel), Temporary: rel.GetRelpersistence() == "t"}}
	case n.GetViewStmt() != nil:
		return []lint.Op{{Kind: lint.OpCreateView, Table: relName(n.GetViewStmt().View)}}
	case n.GetVariableSetStmt() != nil:
		s := n.GetVariableSetStmt()
		if strings.EqualFold(s.Name, "lock_timeout") || strings.EqualFold(s.Name, "statement_timeout") {
			return []lint.Op{{Kind: lint.OpSetLockTimeout}}
		}
		return []lint.Op{{Kind: lint.OpOther}}
	case n.GetAlterEnumStmt() != nil:
		s := n.GetAlterEnumStmt()
		if s.NewVal != "" && s.OldVal == "" {
			return []lint.Op{{Kind: lint.OpAddEnumValue, Name: qualifiedName(s.TypeName), NewName: s.NewVal}}
		}
		return []lint.Op{{Kind: lint.OpOtherDDL}}
	case n.GetCreateEnumStmt() != nil:
		return []lint.Op{{Kind: lint.OpCreateType, Name: qualifiedName(n.GetCreateEnumStmt().TypeName)}}
	case n.GetDropdbStmt() != nil:
		return []lint.Op{{Kind: lint.OpDropSchema, Name: n.GetDropdbStmt().Dbname}}
	case n.GetTransactionStmt() != nil && n.GetTransactionStmt().Kind == pg.TransactionStmtKind_TRANS_STMT_COMMIT:
		return []lint.Op{{Kind: lint.OpCommit}}
	case n.GetSelectStmt() != nil, n.GetTransactionStmt() != nil:
		return []lint.Op{{Kind: lint.OpOther}}
	}
	return []lint.Op{{Kind: lint.OpOtherDDL}}
}

func pgAlterCmd(cmd *pg.AlterTableCmd) lint.Op {
	op := lint.Op{Column: cmd.Name, Cascade: cmd.Behavior == pg.DropBehavior_DROP_CASCADE}
	switch cmd.Subtype {
	case pg.AlterTableType_AT_AddColumn:
		op.Kind = lint.OpAddColumn
		if def := cmd.Def.GetColumnDef(); def != nil {
			op.Column = def.Colname
			op.Type = pgTypeName(def.TypeName)
			notNull := def.IsNotNull
			for _, c := range def.Constraints {
				con := c.GetConstraint()
				switch {
				case con == nil:
				case con.Contype == pg.ConstrType_CONSTR_NOTNULL, con.Contype == pg.ConstrType_CONSTR_PRIMARY:
					notNull = true
				case con.Contype == pg.ConstrType_CONSTR_DEFAULT:
					op.ServerDefault = pgExprText(con.RawExpr)
					op.VolatileDefault = pgVolatile(con.RawExpr)
				}
			}
			op.Nullable = lint.Bool(!notNull)
		}
	case pg.AlterTableType_AT_DropColumn:
		op.Kind = lint.OpDropColumn
	case pg.AlterTableType_AT_AlterColumnType:
		op.Kind = lint.OpAlterColumn
		if def := cmd.Def.GetColumnDef(); def != nil {
			op.Type = pgTypeName(def.TypeName)
		}
	case pg.AlterTableType_AT_SetNotNull:
		op.Kind, op.Nullable = lint.OpAlterColumn, lint.Bool(false)
	case pg.AlterTableType_AT_DropNotNull:
		op.Kind, op.Nullable = lint.OpAlterColumn, lint.Bool(true)
	case pg.AlterTableType_AT_ColumnDefault:
		op.Kind = lint.OpAlterColumn
		op.ServerDefault = pgExprText(cmd.Def)
	case pg.AlterTableType_AT_AddConstraint:
		con := cmd.Def.GetConstraint()
		if con == nil {
			op.Kind = lint.OpOtherDDL
			break
		}
		op.Name, op.NotValid = con.Conname, con.SkipValidation
		for _, k := range append(append([]*pg.Node{}, con.FkAttrs...), con.Keys...) {
			if s := k.GetString_(); s != nil {
				op.Columns = append(op.Columns, s.Sval)
			}
		}
		switch con.Contype {
		case pg.ConstrType_CONSTR_FOREIGN:
			op.Kind = lint.OpCreateForeignKey
		case pg.ConstrType_CONSTR_CHECK:
			op.Kind = lint.OpCreateCheckConstraint
		case pg.ConstrType_CONSTR_UNIQUE:
			op.Kind = lint.OpCreateUniqueConstraint
			// ADD CONSTRAINT ... UNIQUE USING INDEX reuses an index built
			// concurrently: nothing is scanned under the lock.
			op.Concurrently = con.Indexname != ""
		case pg.ConstrType_CONSTR_PRIMARY:
			op.Kind = lint.OpCreatePrimaryKey
			op.Concurrently = con.Indexname != ""
		default:
			op.Kind = lint.OpOtherDDL
		}
	case pg.AlterTableType_AT_DropConstraint:
		op.Kind, op.Name = lint.OpDropConstraint, cmd.Name
	case pg.AlterTableType_AT_ValidateConstraint:
		op.Kind, op.Name = lint.OpValidateConstraint, cmd.Name
	default:
		op.Kind = lint.OpOtherDDL
	}
	return op
}

func pgDrop(s *pg.DropStmt) []lint.Op {
	cascade := s.Behavior == pg.DropBehavior_DROP_CASCADE
	var kind lint.OpKind
	switch s.RemoveType {
	case pg.ObjectType_OBJECT_TABLE:
		kind = lint.OpDropTable
	case pg.ObjectType_OBJECT_INDEX:
		kind = lint.OpDropIndex
	case pg.ObjectType_OBJECT_SCHEMA:
		kind = lint.OpDropSchema
	case pg.ObjectType_OBJECT_TYPE:
		kind = lint.OpDropType
	default:
		return []lint.Op{{Kind: lint.OpOtherDDL, Cascade: cascade}}
	}
	var ops []lint.Op
	for _, obj := range s.Objects {
		name := qualifiedName(obj.GetList().GetItems())
		if name == "" {
			name = obj.GetString_().GetSval()
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

func relName(r *pg.RangeVar) string {
	if r == nil {
		return ""
	}
	return r.Relname
}

func qualifiedName(parts []*pg.Node) string {
	var names []string
	for _, p := range parts {
		if s := p.GetString_(); s != nil {
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

func pgTypeName(t *pg.TypeName) string {
	if t == nil || len(t.Names) == 0 {
		return ""
	}
	name := lastPart(qualifiedName(t.Names))
	var mods []int
	for _, m := range t.Typmods {
		if c := m.GetAConst(); c != nil && c.GetIval() != nil {
			mods = append(mods, int(c.GetIval().Ival))
		}
	}
	return TypeName(name, mods...)
}

// pgExprText renders a default expression well enough for messages and
// for the volatility check: function calls by name, constants as values.
func pgExprText(n *pg.Node) string {
	if n == nil {
		return ""
	}
	if f := n.GetFuncCall(); f != nil {
		return lastPart(qualifiedName(f.Funcname)) + "()"
	}
	if c := n.GetAConst(); c != nil {
		switch {
		case c.GetSval() != nil:
			return "'" + c.GetSval().Sval + "'"
		case c.GetIval() != nil:
			return "integer"
		case c.GetBoolval() != nil:
			return "boolean"
		}
		return "constant"
	}
	if tc := n.GetTypeCast(); tc != nil {
		return pgExprText(tc.Arg)
	}
	return "expression"
}

func pgVolatile(n *pg.Node) bool {
	if n == nil {
		return false
	}
	if f := n.GetFuncCall(); f != nil {
		return IsVolatileDefault(lastPart(qualifiedName(f.Funcname)) + "(")
	}
	if tc := n.GetTypeCast(); tc != nil {
		return pgVolatile(tc.Arg)
	}
	return false
}

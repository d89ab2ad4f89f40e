package sql

import (
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	// The parser needs a value driver to build literal expressions.
	_ "github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// tidbPosition finds "line L column C" in the TiDB parser's messages.
var tidbPosition = lazyregexp.New(`line (\d+) column (\d+)`)

func parseMySQL(text string) ([]Statement, error) {
	p := parser.New()
	stmts, _, err := p.ParseSQL(text)
	if err != nil {
		offset := 0
		if m := tidbPosition.FindStringSubmatch(firstLine(err.Error())); m != nil {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			offset = offsetOf(text, line, col)
		}
		return nil, syntaxError(offset, err.Error())
	}
	var out []Statement
	cursor := 0
	for _, s := range stmts {
		// OriginalText is a slice of the input; find it from where the
		// previous statement ended to get its offset.
		stmt := Statement{Text: strings.TrimSpace(s.OriginalText())}
		if i := strings.Index(text[cursor:], stmt.Text); stmt.Text != "" && i >= 0 {
			stmt.Offset = cursor + i
			cursor = stmt.Offset + len(stmt.Text)
		} else {
			stmt.Offset = cursor
		}
		stmt.Ops = mysqlOps(s)
		for i := range stmt.Ops {
			stmt.Ops[i].SQL = stmt.Text
		}
		out = append(out, stmt)
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// offsetOf converts a 1-based line and a column to a byte offset.
func offsetOf(text string, line, col int) int {
	offset := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[offset:], '\n')
		if i < 0 {
			return offset
		}
		offset += i + 1
	}
	return min(offset+max(col-1, 0), len(text))
}

func mysqlOps(s ast.StmtNode) []lint.Op {
	switch n := s.(type) {
	case *ast.CreateIndexStmt:
		return []lint.Op{{Kind: lint.OpCreateIndex, Table: n.Table.Name.O, Name: n.IndexName, Unique: n.KeyType == ast.IndexKeyTypeUnique}}
	case *ast.DropIndexStmt:
		return []lint.Op{{Kind: lint.OpDropIndex, Table: n.Table.Name.O, Name: n.IndexName}}
	case *ast.AlterTableStmt:
		var ops []lint.Op
		for _, spec := range n.Specs {
			for _, op := range mysqlAlterSpec(spec) {
				if op.Table == "" {
					op.Table = n.Table.Name.O
				}
				ops = append(ops, op)
			}
		}
		return ops
	case *ast.DropTableStmt:
		var ops []lint.Op
		for _, t := range n.Tables {
			ops = append(ops, lint.Op{Kind: lint.OpDropTable, Table: t.Name.O})
		}
		return ops
	case *ast.RenameTableStmt:
		var ops []lint.Op
		for _, t := range n.TableToTables {
			ops = append(ops, lint.Op{Kind: lint.OpRenameTable, Table: t.OldTable.Name.O, NewName: t.NewTable.Name.O})
		}
		return ops
	case *ast.TruncateTableStmt:
		return []lint.Op{{Kind: lint.OpTruncate, Table: n.Table.Name.O}}
	case *ast.DeleteStmt:
		return []lint.Op{{Kind: lint.OpDelete, Table: firstTable(n.TableRefs), HasWhere: n.Where != nil || n.Limit != nil}}
	case *ast.UpdateStmt:
		return []lint.Op{{Kind: lint.OpUpdate, Table: firstTable(n.TableRefs), HasWhere: n.Where != nil || n.Limit != nil}}
	case *ast.InsertStmt:
		return []lint.Op{{Kind: lint.OpInsert, Table: firstTable(n.Table)}}
	case *ast.CreateTableStmt:
		return []lint.Op{{Kind: lint.OpCreateTable, Table: n.Table.Name.O, Temporary: n.TemporaryKeyword != ast.TemporaryNone}}
	case *ast.CreateViewStmt:
		return []lint.Op{{Kind: lint.OpCreateView, Table: n.ViewName.Name.O}}
	case *ast.DropDatabaseStmt:
		return []lint.Op{{Kind: lint.OpDropSchema, Name: n.Name.O}}
	case *ast.CommitStmt:
		return []lint.Op{{Kind: lint.OpCommit}}
	case *ast.SetStmt:
		for _, v := range n.Variables {
			if strings.EqualFold(v.Name, "lock_wait_timeout") || strings.EqualFold(v.Name, "innodb_lock_wait_timeout") {
				return []lint.Op{{Kind: lint.OpSetLockTimeout}}
			}
		}
		return []lint.Op{{Kind: lint.OpOther}}
	case ast.DDLNode:
		return []lint.Op{{Kind: lint.OpOtherDDL}}
	}
	return []lint.Op{{Kind: lint.OpOther}}
}

func mysqlAlterSpec(spec *ast.AlterTableSpec) []lint.Op {
	switch spec.Tp {
	case ast.AlterTableAddColumns:
		var ops []lint.Op
		for _, col := range spec.NewColumns {
			op := mysqlColumn(col)
			op.Kind = lint.OpAddColumn
			ops = append(ops, op)
		}
		return ops
	case ast.AlterTableDropColumn:
		return []lint.Op{{Kind: lint.OpDropColumn, Column: spec.OldColumnName.Name.O}}
	case ast.AlterTableModifyColumn, ast.AlterTableChangeColumn:
		var ops []lint.Op
		for _, col := range spec.NewColumns {
			op := mysqlColumn(col)
			op.Kind = lint.OpAlterColumn
			if spec.OldColumnName != nil && !strings.EqualFold(spec.OldColumnName.Name.O, col.Name.Name.O) {
				op.Column, op.NewName = spec.OldColumnName.Name.O, col.Name.Name.O
			}
			ops = append(ops, op)
		}
		return ops
	case ast.AlterTableRenameColumn:
		return []lint.Op{{Kind: lint.OpAlterColumn, Column: spec.OldColumnName.Name.O, NewName: spec.NewColumnName.Name.O}}
	case ast.AlterTableRenameTable:
		return []lint.Op{{Kind: lint.OpRenameTable, NewName: spec.NewTable.Name.O}}
	case ast.AlterTableAddConstraint:
		c := spec.Constraint
		op := lint.Op{Name: c.Name}
		switch c.Tp {
		case ast.ConstraintForeignKey:
			op.Kind = lint.OpCreateForeignKey
		case ast.ConstraintPrimaryKey:
			op.Kind = lint.OpCreatePrimaryKey
		case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
			op.Kind = lint.OpCreateUniqueConstraint
		case ast.ConstraintCheck:
			op.Kind = lint.OpCreateCheckConstraint
		case ast.ConstraintIndex, ast.ConstraintKey:
			op.Kind = lint.OpCreateIndex
		default:
			op.Kind = lint.OpOtherDDL
		}
		return []lint.Op{op}
	case ast.AlterTableDropIndex:
		return []lint.Op{{Kind: lint.OpDropIndex, Name: spec.Name}}
	case ast.AlterTableDropForeignKey:
		return []lint.Op{{Kind: lint.OpDropConstraint, Name: spec.Name, ConstraintType: "foreignkey"}}
	case ast.AlterTableDropCheck:
		return []lint.Op{{Kind: lint.OpDropConstraint, Name: spec.Name, ConstraintType: "check"}}
	case ast.AlterTableDropPrimaryKey:
		return []lint.Op{{Kind: lint.OpDropPrimaryKey}}
	case ast.AlterTableAlgorithm, ast.AlterTableLock:
		return nil // how the server runs the statement, not a change of its own
	}
	return []lint.Op{{Kind: lint.OpOtherDDL}}
}

func mysqlColumn(col *ast.ColumnDef) lint.Op {
	op := lint.Op{Column: col.Name.Name.O, Nullable: lint.Bool(true)}
	if col.Tp != nil {
		op.Type = mysqlTypeName(col.Tp.CompactStr())
	}
	for _, o := range col.Options {
		switch o.Tp {
		case ast.ColumnOptionNotNull, ast.ColumnOptionPrimaryKey:
			op.Nullable = lint.Bool(false)
		case ast.ColumnOptionDefaultValue:
			op.ServerDefault = "default"
			if fn, ok := o.Expr.(*ast.FuncCallExpr); ok {
				op.ServerDefault = fn.FnName.L + "()"
				op.VolatileDefault = IsVolatileDefault(op.ServerDefault)
			}
		}
	}
	return op
}

// mysqlTypeName turns the parser's varchar(20) / decimal(10,2) into the
// shared notation.
func mysqlTypeName(s string) string {
	name, mods, _ := strings.Cut(strings.ToLower(s), "(")
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, "int") {
		// int(11) is a display width, not a size.
		return TypeName(name)
	}
	var nums []int
	for _, m := range strings.Split(strings.TrimSuffix(mods, ")"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(m)); err == nil {
			nums = append(nums, n)
		}
	}
	return TypeName(strings.TrimSpace(name), nums...)
}

func firstTable(refs *ast.TableRefsClause) string {
	if refs == nil || refs.TableRefs == nil {
		return ""
	}
	var left ast.ResultSetNode = refs.TableRefs.Left
	for {
		switch n := left.(type) {
		case *ast.Join:
			left = n.Left
		case *ast.TableSource:
			if t, ok := n.Source.(*ast.TableName); ok {
				return t.Name.O
			}
			return ""
		default:
			return ""
		}
	}
}

package rules

import (
	"fmt"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DowngradeNotInverse reports objects that upgrade creates and downgrade
// leaves behind, or that upgrade drops and downgrade does not restore.
var DowngradeNotInverse = &lint.Rule{
	ID: "ML503", Name: "downgrade-not-inverse", Severity: lint.SeverityWarning, Since: "0.1.0",
	Title: "downgrade does not undo what upgrade did",
	Doc: lint.Doc{
		Problem: "A table, column, index or constraint created by upgrade is not removed by downgrade (or one " +
			"dropped by upgrade is not recreated): after a downgrade the schema is not what the older code expects, " +
			"and the next upgrade fails with \"already exists\".",
		Solution: "Make downgrade the exact inverse of upgrade, in reverse order.",
		Example: `
def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_index("ix_tags_id", "tags", ["id"])

def downgrade():
    op.drop_index("ix_tags_id", table_name="tags")
    op.drop_table("tags")
`,
	},
	Run: func(p *lint.Pass) {
		r := p.Revision
		ops := p.Ops()
		if !r.Downgrade.Defined || r.Downgrade.Empty || r.Downgrade.RaisesNotImplemented || downgradeIsOpaque(ops.Downgrade, ops.DynamicSQL) {
			return
		}
		down := objectSet(ops.Downgrade)
		for _, op := range ops.Upgrade {
			for _, obj := range createdBy(op) {
				if !down.removes(obj) {
					p.Report(r, op.Span, fmt.Sprintf("%s is created by upgrade but downgrade does not remove it", obj),
						fmt.Sprintf("add the matching drop to downgrade(): %s", obj.inverse()))
				}
			}
			for _, obj := range droppedBy(op) {
				if !down.restores(obj) {
					p.Report(r, op.Span, fmt.Sprintf("%s is dropped by upgrade but downgrade does not recreate it", obj),
						fmt.Sprintf("recreate it in downgrade(), or raise NotImplementedError if it cannot be: %s", obj.recreate()))
				}
			}
		}
	},
}

// schemaObject is something a revision creates or drops.
type schemaObject struct {
	kind  string // table, column, index, constraint
	table string
	name  string
}

func (o schemaObject) String() string {
	if o.kind == "column" {
		return fmt.Sprintf("column %q.%q", o.table, o.name)
	}
	return fmt.Sprintf("%s %q", o.kind, o.name)
}

func (o schemaObject) inverse() string {
	switch o.kind {
	case "table":
		return fmt.Sprintf("op.drop_table(%q)", o.name)
	case "column":
		return fmt.Sprintf("op.drop_column(%q, %q)", o.table, o.name)
	case "index":
		return fmt.Sprintf("op.drop_index(%q, table_name=%q)", o.name, o.table)
	}
	return fmt.Sprintf("op.drop_constraint(%q, %q)", o.name, o.table)
}

func (o schemaObject) recreate() string {
	switch o.kind {
	case "table":
		return fmt.Sprintf("op.create_table(%q, ...)", o.name)
	case "column":
		return fmt.Sprintf("op.add_column(%q, sa.Column(%q, ...))", o.table, o.name)
	}
	return fmt.Sprintf("op.create_index(%q, %q, [...])", o.name, o.table)
}

func lower(s string) string { return strings.ToLower(s) }

func createdBy(op lint.Op) []schemaObject {
	switch op.Kind {
	case lint.OpCreateTable:
		return []schemaObject{{"table", lower(op.Table), lower(op.Table)}}
	case lint.OpAddColumn:
		if op.Column != "" && !op.NewTable {
			return []schemaObject{{"column", lower(op.Table), lower(op.Column)}}
		}
	case lint.OpCreateIndex:
		if op.Name != "" && !op.NewTable {
			return []schemaObject{{"index", lower(op.Table), lower(op.Name)}}
		}
	case lint.OpCreateForeignKey, lint.OpCreateCheckConstraint, lint.OpCreateUniqueConstraint, lint.OpCreatePrimaryKey:
		if op.Name != "" && !op.NewTable && !op.NewColumn {
			return []schemaObject{{"constraint", lower(op.Table), lower(op.Name)}}
		}
	}
	return nil
}

func droppedBy(op lint.Op) []schemaObject {
	switch op.Kind {
	case lint.OpDropTable:
		if !op.NewTable {
			return []schemaObject{{"table", lower(op.Table), lower(op.Table)}}
		}
	case lint.OpDropColumn:
		if !op.NewColumn && op.Column != "" {
			return []schemaObject{{"column", lower(op.Table), lower(op.Column)}}
		}
	case lint.OpDropIndex:
		if !op.NewTable && op.Name != "" {
			return []schemaObject{{"index", lower(op.Table), lower(op.Name)}}
		}
	}
	return nil
}

// objectSets is what downgrade drops and creates.
type objectSets struct {
	dropped, created map[schemaObject]bool
	droppedTables    map[string]bool
}

func objectSet(ops []lint.Op) objectSets {
	s := objectSets{dropped: map[schemaObject]bool{}, created: map[schemaObject]bool{}, droppedTables: map[string]bool{}}
	for _, op := range ops {
		for _, o := range droppedBy(op) {
			s.dropped[o] = true
		}
		if op.Kind == lint.OpDropTable {
			s.droppedTables[lower(op.Table)] = true
		}
		if op.Kind == lint.OpDropConstraint || op.Kind == lint.OpDropPrimaryKey {
			s.dropped[schemaObject{"constraint", lower(op.Table), lower(op.Name)}] = true
		}
		for _, o := range createdBy(op) {
			s.created[o] = true
		}
		if op.Kind == lint.OpAddColumn && op.NewTable {
			s.created[schemaObject{"column", lower(op.Table), lower(op.Column)}] = true
		}
	}
	return s
}

// removes: dropped itself, or with its table. Index and constraint names
// are matched without the table, which drop_index may leave out.
func (s objectSets) removes(o schemaObject) bool {
	if s.droppedTables[o.table] {
		return true
	}
	for d := range s.dropped {
		if d.kind == o.kind && d.name == o.name && (d.table == o.table || d.table == "" || o.table == "") {
			return true
		}
	}
	return false
}

func (s objectSets) restores(o schemaObject) bool {
	for c := range s.created {
		if c.kind == o.kind && c.name == o.name && (c.table == o.table || c.table == "" || o.table == "") {
			return true
		}
	}
	return false
}

// downgradeIsOpaque: when downgrade builds its SQL at run time, loops or
// runs SQL the rules cannot map, its effect cannot be known statically.
func downgradeIsOpaque(ops []lint.Op, dynamic []lint.Call) bool {
	for _, c := range dynamic {
		if c.Scope.Direction == lint.DirectionDowngrade {
			return true
		}
	}
	for _, op := range ops {
		if op.Scope.Loop || op.Kind == lint.OpOtherDDL {
			return true
		}
	}
	return false
}

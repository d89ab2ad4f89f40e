package ops

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// keep copies onto an op what rules need of the call it came from, which
// a loaded revision no longer holds (lint.Revision.Calls): the keywords
// that say a table may be missing or in another schema, and a
// create_table's columns.
func keep(op *lint.Op, c *lint.Call) {
	for _, k := range c.Keywords {
		if strings.HasSuffix(k.Name, "schema") {
			op.SchemaNamed = true
		}
		if k.Name == "if_exists" && k.Value.IsTrue() {
			op.IfExists = true
		}
	}
	if op.Kind == lint.OpCreateTable {
		op.Definition = definition(c)
	}
}

// definition reads the columns a create_table call declares with
// sa.Column(...), in order (lint.TableDefinition).
func definition(c *lint.Call) *lint.TableDefinition {
	d := &lint.TableDefinition{Complete: true}
	for i, arg := range c.Args {
		if i == 0 {
			continue // the table name
		}
		if arg.Kind != lint.KindCall {
			d.Complete = false
			continue
		}
		if arg.CalleeName() != "Column" {
			continue // PrimaryKeyConstraint, ForeignKeyConstraint, Index...
		}
		var col lint.Op
		describeColumn(&col, arg)
		if col.Column == "" {
			d.Complete = false
			continue
		}
		d.Columns = append(d.Columns, lint.TableColumn{Name: col.Column, Type: col.Type})
	}
	return d
}

package ops

import (
	"github.com/migrate-lint/migrate-lint/lint"
)

// Column is a column as a create_table or add_column call declares it:
// its name and normalised type ("varchar(50)", "" when unknown).
type Column struct {
	Name, Type string
}

// TableColumns returns the columns a create_table op declares with
// sa.Column(...), in order. complete is false when some argument cannot
// be read as a column or a constraint (a variable, a *splat), so that the
// list may lack columns.
func TableColumns(op lint.Op) (cols []Column, complete bool) {
	if op.Kind != lint.OpCreateTable || op.Call == nil {
		return nil, false
	}
	complete = true
	for i, arg := range op.Call.Args {
		if i == 0 {
			continue // the table name
		}
		if arg.Kind != lint.KindCall {
			complete = false
			continue
		}
		if arg.CalleeName() != "Column" {
			continue // PrimaryKeyConstraint, ForeignKeyConstraint, Index...
		}
		var c lint.Op
		describeColumn(&c, arg)
		if c.Column == "" {
			complete = false
			continue
		}
		cols = append(cols, Column{Name: c.Column, Type: c.Type})
	}
	return cols, complete
}

package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// RenameAsDropCreate reports a rename that autogenerate wrote as a drop
// and a create: it replaces the generic drop advice of ML301 and ML302 on
// that line.
var RenameAsDropCreate = &lint.Rule{
	ID: "ML307", Name: "rename-as-drop-create", Severity: lint.SeverityError, Since: "0.2.0",
	Supersedes: []string{"ML301", "ML302"},
	Title:      "a rename written as drop and create (as autogenerate writes renames): every row is lost",
	Doc: lint.Doc{
		Problem: "Autogenerate cannot detect renames. Renaming a model's table or a column makes it write " +
			"`op.drop_table(\"old\")` with `op.create_table(\"new\", ...)` of the same columns, or " +
			"`op.drop_column(\"t\", \"old\")` with `op.add_column(\"t\", sa.Column(\"new\", ...))` of the same type. Run as " +
			"written, the old table or column is dropped with its data and an empty one is created in its place. It is " +
			"reported when the names look alike (one holds the other, or they share a word) and the revision moves no " +
			"data itself (no UPDATE or INSERT); it replaces the generic ML301/ML302 finding on that line.",
		Solution: "Replace the pair with a rename, which keeps the data: `op.rename_table(\"old\", \"new\")`, or " +
			"`op.alter_column(\"t\", \"old\", new_column_name=\"new\")`; the downgrade renames back. Mind that running " +
			"code still uses the old name until it is deployed (ML403, ML404).",
		Example: `
def upgrade():
    op.rename_table("customer", "customers")
    op.alter_column("customers", "fullname", new_column_name="name")


def downgrade():
    op.alter_column("customers", "name", new_column_name="fullname")
    op.rename_table("customers", "customer")
`,
	},
	Run: func(p *lint.Pass) {
		o := p.Ops()
		for _, op := range o.Upgrade {
			if op.Kind == lint.OpUpdate || op.Kind == lint.OpInsert {
				return // the revision moves the data itself
			}
		}
		created := map[string][]lint.TableColumn{} // downgrade's create_table: the dropped tables' columns
		for _, op := range o.Downgrade {
			if cols, complete := op.Declared(); complete && len(cols) > 0 {
				created[strings.ToLower(op.Table)] = cols
			}
		}
		for _, drop := range o.Upgrade {
			if drop.Kind != lint.OpDropTable || drop.NewTable {
				continue
			}
			old, ok := created[strings.ToLower(drop.Table)]
			if !ok {
				continue
			}
			for _, create := range o.Upgrade {
				if create.Kind != lint.OpCreateTable || strings.EqualFold(create.Table, drop.Table) {
					continue
				}
				cols, complete := create.Declared()
				if complete && sameColumns(old, cols) && similarNames(drop.Table, create.Table) {
					p.Report(p.Revision, drop.Span,
						fmt.Sprintf("drop_table(%q) with create_table(%q) of the same columns (%s) is a rename that autogenerate cannot detect: every row of %q is lost", drop.Table, create.Table, columnNames(cols), drop.Table),
						fmt.Sprintf("write op.rename_table(%q, %q) instead of the drop and the create (and the reverse in downgrade)", drop.Table, create.Table))
					break
				}
			}
		}
		renamedColumns(p, o)
	},
}

// renamedColumns reports drop_column(t, a) with add_column(t, b) of the
// same type, when that pairing is the only one on the table for the type.
func renamedColumns(p *lint.Pass, o *lint.Operations) {
	oldType := map[string]string{} // table.column -> type, from the downgrade's add_column
	for _, op := range o.Downgrade {
		if op.Kind == lint.OpAddColumn && op.Type != "" {
			oldType[strings.ToLower(op.Table+"."+op.Column)] = op.Type
		}
	}
	type pair struct{ drops, adds []lint.Op }
	byType := map[string]*pair{}
	for _, op := range o.Upgrade {
		var typ string
		switch {
		case op.Kind == lint.OpDropColumn && !op.NewColumn && !op.NewTable:
			typ = oldType[strings.ToLower(op.Table+"."+op.Column)]
		case op.Kind == lint.OpAddColumn && !op.NewTable:
			typ = op.Type
		}
		if typ == "" {
			continue
		}
		key := strings.ToLower(op.Table) + "\x00" + typ
		if byType[key] == nil {
			byType[key] = &pair{}
		}
		if op.Kind == lint.OpDropColumn {
			byType[key].drops = append(byType[key].drops, op)
		} else {
			byType[key].adds = append(byType[key].adds, op)
		}
	}
	for key, pr := range byType {
		if len(pr.drops) != 1 || len(pr.adds) != 1 || strings.EqualFold(pr.drops[0].Column, pr.adds[0].Column) ||
			!similarNames(pr.drops[0].Column, pr.adds[0].Column) {
			continue
		}
		drop, add := pr.drops[0], pr.adds[0]
		_, typ, _ := strings.Cut(key, "\x00")
		p.Report(p.Revision, drop.Span,
			fmt.Sprintf("drop_column(%q, %q) with add_column(%q, %q) of the same type (%s) is a rename that autogenerate cannot detect: every value of %q is lost", drop.Table, drop.Column, add.Table, add.Column, typ, drop.Column),
			fmt.Sprintf("write op.alter_column(%q, %q, new_column_name=%q) instead of the drop and the add (and the reverse in downgrade)", drop.Table, drop.Column, add.Column))
	}
}

// similarNames reports whether two names look like one renamed: one
// holds the other (customer, customers), or they share a word other than
// "id" (worker_pool_id, work_pool_id). A column replaced by an unrelated
// one of the same type (creator_id by window) is a replacement, not a
// rename.
func similarNames(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	words := map[string]bool{}
	for _, w := range strings.Split(a, "_") {
		words[w] = true
	}
	for _, w := range strings.Split(b, "_") {
		if len(w) >= 3 && w != "ids" && words[w] {
			return true
		}
	}
	return false
}

// sameColumns compares two column lists by name and, where both are
// known, type.
func sameColumns(a, b []lint.TableColumn) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		i := slices.IndexFunc(b, func(y lint.TableColumn) bool { return strings.EqualFold(x.Name, y.Name) })
		if i < 0 || x.Type != "" && b[i].Type != "" && x.Type != b[i].Type {
			return false
		}
	}
	return true
}

func columnNames(cols []lint.TableColumn) string {
	names := make([]string, 0, len(cols))
	for _, c := range cols {
		names = append(names, c.Name)
	}
	if len(names) > 6 {
		names = append(names[:6], "...")
	}
	return strings.Join(names, ", ")
}

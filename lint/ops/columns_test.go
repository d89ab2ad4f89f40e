package ops

import (
	"reflect"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TestKeep: what rules need of a call is on its ops, since a loaded
// revision has no calls: create_table's columns (complete or not), and
// the keywords that name a schema or say if_exists=True.
func TestKeep(t *testing.T) {
	t.Parallel()
	o := lower(t, lint.PostgreSQL, `
def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table("audit", sa.Column("id", sa.Integer()), *shared_columns())
    op.drop_table("legacy", if_exists=True)
    op.drop_table("archive", schema="history")
    op.drop_constraint("fk_a", "accounts", type_="foreignkey", if_exists=False)
    op.execute("CREATE TABLE plain (id int)")


def downgrade():
    pass
`)
	up := o.Upgrade
	if len(up) != 6 {
		t.Fatalf("%d upgrade ops, want 6", len(up))
	}
	cols, complete := up[0].Declared()
	want := []lint.TableColumn{{Name: "id", Type: "integer"}, {Name: "email", Type: "varchar(50)"}}
	if !complete || !reflect.DeepEqual(cols, want) {
		t.Errorf("accounts: %+v complete=%v, want %+v complete", cols, complete, want)
	}
	if cols, complete := up[1].Declared(); complete || len(cols) != 1 || cols[0].Name != "id" {
		t.Errorf("audit with a splat: %+v complete=%v, want [id], incomplete", cols, complete)
	}
	if cols, complete := up[2].Declared(); cols != nil || complete {
		t.Errorf("drop_table declares %+v (complete=%v), want nothing", cols, complete)
	}
	if _, complete := up[5].Declared(); !complete {
		t.Error("CREATE TABLE in SQL: the execute call has no column arguments, which is a complete (empty) list")
	}
	for i, w := range []struct{ ifExists, schema bool }{{false, false}, {false, false}, {true, false}, {false, true}, {false, false}, {false, false}} {
		if up[i].IfExists != w.ifExists || up[i].SchemaNamed != w.schema {
			t.Errorf("op %d (%s %s): IfExists=%v SchemaNamed=%v, want %v %v", i, up[i].Kind, up[i].Table, up[i].IfExists, up[i].SchemaNamed, w.ifExists, w.schema)
		}
	}
}

package python

import (
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
)

const bindingsFile = `"""bindings"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None

TABLE = "accounts"
users = sa.table("users", sa.column("id"), sa.column("status"))


def add_flag(table, column="flag"):
    op.add_column(table, sa.Column(column, sa.Boolean(), nullable=True))


def upgrade():
    add_flag("orders")
    add_flag(TABLE, column="active")
    name = "ix_" + TABLE
    op.create_index(op.f(name), TABLE, ["id"])
    op.execute(f"UPDATE {TABLE} SET x = 1")
    op.execute(users.update().values(status="a").where(users.c.id == 1))
    op.execute(sa.delete(users))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    elif bind.dialect.name in ("mysql", "mariadb"):
        op.execute("SET FOREIGN_KEY_CHECKS = 0")
    else:
        op.execute("PRAGMA foreign_keys = OFF")
    if not op.get_context().dialect.name == "sqlite":
        op.drop_column("t", "c")
    if some_flag:
        op.drop_column("t", "d")


def downgrade():
    pass
`

func TestBindings(t *testing.T) {
	t.Parallel()
	r := parse(t, bindingsFile)
	var got []string
	for _, c := range r.Calls {
		if c.Receiver != lint.ReceiverOp {
			continue
		}
		if len(c.Args) == 0 {
			got = append(got, c.Name+" "+c.Callee)
			continue
		}
		first := c.Args[0]
		text := first.Text
		if first.Kind == lint.KindCall && first.Table() != "" {
			text = "table=" + first.Table()
		}
		if col, ok := c.Arg(1, "column"); ok && c.Name == "add_column" {
			name, _ := col.Args[0].Str()
			text += "." + name
		}
		if c.Name == "create_index" {
			table, _ := c.Args[1].Str()
			text += " on " + table
		}
		got = append(got, c.Name+" "+text)
	}
	want := []string{
		"add_column orders.flag",
		"add_column accounts.active",
		"create_index ix_accounts on accounts",
		"execute UPDATE accounts SET x = 1",
		"execute table=users",
		"execute table=users",
		"get_bind op.get_bind",
		"execute CREATE EXTENSION IF NOT EXISTS pg_trgm",
		"execute SET FOREIGN_KEY_CHECKS = 0",
		"execute PRAGMA foreign_keys = OFF",
		"get_context op.get_context",
		"drop_column t",
		"drop_column t",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDialectBranches(t *testing.T) {
	t.Parallel()
	r := parse(t, bindingsFile)
	runsOn := func(sqlPrefix string) []lint.Dialect {
		for _, c := range r.Calls {
			if c.Name == "execute" && strings.HasPrefix(c.Args[0].Text, sqlPrefix) || c.Name == "drop_column" && len(c.Args) > 1 && c.Args[1].Text == sqlPrefix {
				var on []lint.Dialect
				for _, d := range lint.Dialects {
					if c.Scope.Dialects.Has(d) {
						on = append(on, d)
					}
				}
				return on
			}
		}
		t.Fatalf("no call %q", sqlPrefix)
		return nil
	}
	for _, c := range []struct {
		call string
		want []lint.Dialect
	}{
		{"CREATE EXTENSION", []lint.Dialect{lint.PostgreSQL}},
		{"SET FOREIGN_KEY_CHECKS", []lint.Dialect{lint.MySQL, lint.MariaDB}},
		{"PRAGMA", []lint.Dialect{lint.SQLite}},
		{"c", []lint.Dialect{lint.PostgreSQL, lint.MySQL, lint.MariaDB}},
		{"d", lint.Dialects},
	} {
		if got := runsOn(c.call); len(got) != len(c.want) || strings.Join(dialectNames(got), ",") != strings.Join(dialectNames(c.want), ",") {
			t.Errorf("%s runs on %v, want %v", c.call, got, c.want)
		}
	}
}

func dialectNames(ds []lint.Dialect) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = string(d)
	}
	return out
}

func TestDialectConditionWithConstant(t *testing.T) {
	t.Parallel()
	r := parse(t, `"""x"""
from alembic import op

revision = "a1"
down_revision = None
MYSQL_ENGINE = 'mysql'


def upgrade():
    engine = op.get_bind().engine
    if (engine.name == MYSQL_ENGINE):
        op.execute("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY(a, b)")
    else:
        op.drop_constraint("pk_t", "t", type_="primary")
`)
	for _, c := range r.Calls {
		switch c.Name {
		case "execute":
			if c.Scope.Dialects.Has(lint.PostgreSQL) || !c.Scope.Dialects.Has(lint.MariaDB) {
				t.Errorf("MySQL branch runs on %+v", c.Scope.Dialects)
			}
		case "drop_constraint":
			if !c.Scope.Dialects.Has(lint.PostgreSQL) || c.Scope.Dialects.Has(lint.MySQL) {
				t.Errorf("else branch runs on %+v", c.Scope.Dialects)
			}
		}
	}
}

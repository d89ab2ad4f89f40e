package ops

import (
	"fmt"
	"strings"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/lint/python"
)

func lower(t *testing.T, dialect lint.Dialect, body string) *lint.Operations {
	t.Helper()
	p := python.NewParser()
	defer p.Close()
	src := "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"a1\"\ndown_revision = None\n\n" + body
	rev := p.ParseRevision("/p/a1.py", []byte(src))
	if len(rev.SyntaxErrors) > 0 {
		t.Fatalf("syntax: %+v", rev.SyntaxErrors)
	}
	return Lower(rev, dialect)
}

// wantUpgrade checks the upgrade's ops, each as describe renders it.
func wantUpgrade(t *testing.T, ops *lint.Operations, want ...string) {
	t.Helper()
	var got []string
	for _, op := range ops.Upgrade {
		got = append(got, describe(op))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("upgrade ops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// describe renders an op's kind, table and the flags the rules rely on.
func describe(op lint.Op) string {
	s := fmt.Sprintf("%d %s %s", op.Index, op.Kind, op.Table)
	for _, f := range []struct {
		on   bool
		text string
	}{
		{op.Column != "", "col=" + op.Column}, {op.Name != "", "name=" + op.Name}, {op.NewTable, "new-table"},
		{op.NewColumn && !op.NewTable, "new-column"}, {op.Temporary, "temporary"}, {op.HasWhere, "where"},
		{op.ServerDefault != "", "default=" + op.ServerDefault},
	} {
		if f.on {
			s += " " + f.text
		}
	}
	return s
}

func TestLower(t *testing.T) {
	t.Parallel()
	ops := lower(t, lint.PostgreSQL, `
users = sa.table("users", sa.column("plan"))


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_index(op.f("ix_tags_id"), "tags", ["id"])
    op.add_column("users", sa.Column("n", sa.Integer(), nullable=True))
    op.alter_column("users", "n", nullable=False)
    op.execute(sa.text("UPDATE users SET plan = :plan WHERE plan IS NULL"))
    op.execute(users.update().values(plan="x").where(users.c.plan.is_(None)))
    op.execute("CREATE TEMPORARY TABLE t AS SELECT 1 AS x; CREATE INDEX ix_t ON t (x)")
    op.execute("ALTER TABLE orders ADD COLUMN id2 SERIAL")
    if op.get_bind().dialect.name == "mysql":
        op.drop_table("users")


def downgrade():
    op.drop_table("tags")
`)
	wantUpgrade(t, ops,
		"0 create_table tags",
		"1 create_index tags name=ix_tags_id new-table",
		"2 add_column users col=n",
		"3 alter_column users col=n new-column",
		"4 update users where",
		"5 update users where",
		"6 create_table t temporary",
		"7 create_index t name=ix_t new-table temporary",
		"8 add_column orders col=id2 default=nextval()",
	)
	if len(ops.Downgrade) != 1 || ops.Downgrade[0].Kind != lint.OpDropTable || ops.Downgrade[0].Index != 0 {
		t.Errorf("downgrade ops: %+v", ops.Downgrade)
	}
	tags, ok := ops.UpgradeObjects.Find(lint.ObjectTable, "", "tags")
	if !ok || tags.Created != 0 || tags.Dropped != -1 {
		t.Errorf("tags span: %+v %v", tags, ok)
	}
	if !ops.UpgradeObjects.CreatedBefore(lint.ObjectColumn, "users", "n", 3) || ops.UpgradeObjects.CreatedBefore(lint.ObjectColumn, "users", "n", 2) {
		t.Error("users.n is created at op 2")
	}
	if len(ops.SQLErrors) != 0 {
		t.Errorf("bound parameters reported as syntax errors: %+v", ops.SQLErrors)
	}
}

// On MySQL the dialect branch runs, and the SQL is read with its grammar.
func TestLowerDialect(t *testing.T) {
	t.Parallel()
	ops := lower(t, lint.MariaDB, `
def upgrade():
    if op.get_bind().dialect.name == "mysql":
        op.drop_table("users")
    else:
        op.execute("DROP TABLE users CASCADE")
    op.execute("ALTER TABLE t ADD COLUMN a INT NOT NULL, ALGORITHM=INPLACE")
`)
	if len(ops.Upgrade) != 2 || ops.Upgrade[0].Kind != lint.OpDropTable || ops.Upgrade[0].Cascade || ops.Upgrade[1].Kind != lint.OpAddColumn {
		t.Errorf("ops: %+v", ops.Upgrade)
	}
}

// In change-set mode a table another new revision creates is new.
func TestMarkChangeSet(t *testing.T) {
	t.Parallel()
	p := python.NewParser()
	defer p.Close()
	a := p.ParseRevision("/p/a.py", []byte("revision = 'a'\ndown_revision = None\ndef upgrade():\n    op.create_table('tags')\n"))
	b := p.ParseRevision("/p/b.py", []byte("revision = 'b'\ndown_revision = 'a'\ndef upgrade():\n    op.add_column('tags', sa.Column('x', sa.Integer(), nullable=False))\n"))
	a.Ops, b.Ops = Lower(a, lint.PostgreSQL), Lower(b, lint.PostgreSQL)
	proj := lint.NewProject("/p", []*lint.Revision{a, b})
	proj.Base = &lint.BaseBranch{IDs: map[string]bool{}}
	MarkChangeSet(proj)
	if !b.Ops.Upgrade[0].NewTable {
		t.Error("tags, created by revision a of the change, is not new for b")
	}
	proj.Base.IDs["a"] = true
	b.Ops = Lower(b, lint.PostgreSQL)
	MarkChangeSet(proj)
	if b.Ops.Upgrade[0].NewTable {
		t.Error("tags exists on the base branch, yet is new")
	}
}

// A column is new only on its own table: the table and column used to be
// joined with a dot, so that a column "b.c" added to table "a" made the
// column "c" of table "a.b" new too.
func TestNewColumnIsTheTables(t *testing.T) {
	t.Parallel()
	ops := lower(t, lint.PostgreSQL, `
def upgrade():
    op.add_column("a", sa.Column("b.c", sa.Integer(), nullable=True))
    op.alter_column("a.b", "c", nullable=False)
    op.alter_column("a", "b.c", nullable=False)
    op.alter_column("A", "B.C", nullable=False)
`)
	wantUpgrade(t, ops,
		"0 add_column a col=b.c",
		"1 alter_column a.b col=c",
		"2 alter_column a col=b.c new-column",
		"3 alter_column A col=B.C new-column",
	)
}

// A direction without operations has none, not an empty slice: Lower
// makes room for an op per call, and the extraction cache gives back nil
// for an empty direction (TestRoundTrip compares the two).
func TestNoOpsIsNil(t *testing.T) {
	t.Parallel()
	ops := lower(t, lint.PostgreSQL, `
def upgrade():
    print("nothing to do")
    op.get_bind()


def downgrade():
    pass
`)
	if ops.Upgrade != nil || ops.Downgrade != nil {
		t.Errorf("upgrade %#v, downgrade %#v: want nil", ops.Upgrade, ops.Downgrade)
	}
}

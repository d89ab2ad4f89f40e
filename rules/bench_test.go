package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/migrate-lint/migrate-lint/lint"
	"github.com/migrate-lint/migrate-lint/load"
	"github.com/migrate-lint/migrate-lint/rules"
)

// BenchmarkRunRules: every rule over 300 loaded revisions (each adds and
// drops columns, creates an index, runs SQL), after the load: the rules,
// suppressions and fingerprints of a full check.
func BenchmarkRunRules(b *testing.B) {
	dir := b.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		b.Fatal(err)
	}
	write := func(path, content string) {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write(filepath.Join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://x@localhost/x\n")
	write(filepath.Join(dir, "migrations", "env.py"), "from alembic import context\n")
	down := "None"
	for i := range 300 {
		id := fmt.Sprintf("rev%04d", i)
		write(filepath.Join(versions, id+"_step.py"), fmt.Sprintf(`"""step %d

Revision ID: %s
"""
from alembic import op
import sqlalchemy as sa

revision = %q
down_revision = %s


def upgrade():
    op.add_column("users", sa.Column("col_%d", sa.Text(), nullable=False))
    op.create_index("ix_%d", "users", ["col_%d"])
    op.execute("UPDATE users SET col_%d = 'x'")
    op.drop_column("accounts", "old_%d")


def downgrade():
    op.drop_index("ix_%d", table_name="users")
    op.drop_column("users", "col_%d")
`, i, id, id, down, i, i, i, i, i, i, i))
		down = fmt.Sprintf("%q", id)
	}
	reg := rules.Registry()
	res, err := load.Load(context.Background(), load.Request{Dir: dir, Path: filepath.Join(dir, "alembic.ini"), Registry: reg})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := lint.RunContext(context.Background(), res.Project, reg, &res.Config, nil); err != nil {
			b.Fatal(err)
		}
	}
}

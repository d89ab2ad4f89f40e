// Command gentree writes a synthetic Alembic project for benchmarks: N
// revisions, mostly linear with a short branch and merge every 100
// revisions, each file about 1 KB with a few operations, as Alembic's
// template writes them; every fifth revision also runs SQL. With -git K
// the project is a git repository: the N revisions committed on main, and
// a branch feature (checked out) adding K more: a pull request.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 5000, "number of revisions")
	out := flag.String("out", "bench-tree", "directory to write (replaced)")
	url := flag.String("url", "postgresql://bench@localhost/bench", "sqlalchemy.url for alembic.ini")
	newRevisions := flag.Int("git", 0, "make a git repository whose branch feature adds this many revisions to main's")
	flag.Parse()
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	versions := filepath.Join(*out, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(path, content string) {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write(filepath.Join(*out, "alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = "+strings.ReplaceAll(*url, "%", "%%")+"\n")
	write(filepath.Join(*out, "migrations", "env.py"), envPy)
	write(filepath.Join(*out, "migrations", "script.py.mako"), "")
	id := func(i int) string { return fmt.Sprintf("%012x", uint64(i)*0x9E3779B97F4A7C15>>16&0xFFFFFFFFFFFF) }
	prev := []string{}
	revision := func(i int, name string) {
		down := "None"
		switch len(prev) {
		case 1:
			down = fmt.Sprintf("%q", prev[0])
		case 2:
			down = fmt.Sprintf("(%q, %q)", prev[0], prev[1])
		}
		rev := id(i)
		sql := ""
		if i%5 == 4 {
			sql = fmt.Sprintf("    op.execute(\"UPDATE t_%d SET note = '' WHERE note IS NULL\")\n", i)
		}
		write(filepath.Join(versions, fmt.Sprintf("%s_%s_%d.py", rev, name, i)), fmt.Sprintf(template, i, rev, trimQuotes(down), rev, down, i, i, i, i, sql, i, i, i))
		prev = []string{rev}
	}
	for i := 0; i < *n; i++ {
		parent := prev
		revision(i, "step")
		if i%100 == 50 && i+2 < *n {
			// A branch: the next revision builds on the same parent, and
			// the one after merges the two.
			rev := prev[0]
			i++
			prev = parent
			revision(i, "branch")
			prev = []string{rev, prev[0]}
		}
	}
	if *newRevisions > 0 {
		git(*out, "init", "-q", "-b", "main")
		git(*out, "add", "-A")
		git(*out, "-c", "user.name=gentree", "-c", "user.email=gentree@example.com", "commit", "-q", "-m", "main")
		git(*out, "checkout", "-q", "-b", "feature")
		for i := *n; i < *n+*newRevisions; i++ {
			revision(i, "feature")
		}
		git(*out, "add", "-A")
		git(*out, "-c", "user.name=gentree", "-c", "user.email=gentree@example.com", "commit", "-q", "-m", "feature")
	}
}

func git(dir string, args ...string) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("git %v: %v %s", args, err, out)
	}
}

func trimQuotes(s string) string {
	out := []rune{}
	for _, r := range s {
		if r != '"' && r != '(' && r != ')' {
			out = append(out, r)
		}
	}
	return string(out)
}

// envPy is Alembic's generic template, online mode.
const envPy = `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
`

const template = `"""step %d

Revision ID: %s
Revises: %s
Create Date: 2026-01-01 00:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = %q
down_revision: Union[str, Sequence[str], None] = %s
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "t_%d",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=100), nullable=False),
    )
    op.add_column("t_%d", sa.Column("note", sa.Text(), nullable=True))
    op.create_index("ix_t_%d_name", "t_%d", ["name"])
%s

def downgrade() -> None:
    op.drop_index("ix_t_%d_name", table_name="t_%d")
    op.drop_table("t_%d")
`

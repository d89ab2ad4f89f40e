package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// gitRepo makes a repository whose main branch holds the example project,
// then a feature branch; it returns the directory.
func gitRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(repoRoot, "testdata", "example")
	if out, err := exec.Command("cp", "-r", src+"/.", dir).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	// One head on the base branch: drop the example's second head.
	if err := os.Remove(filepath.Join(dir, "migrations", "versions", "4d5e6f708192_add_user_email.py")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"init", "-q", "-b", "main"}, {"config", "user.email", "t@example.com"}, {"config", "user.name", "t"},
		{"add", "-A"}, {"commit", "-qm", "base"}, {"checkout", "-qb", "feature"},
	} {
		gitIn(t, dir, args...)
	}
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v %s", args, err, out)
	}
}

const featureRevision = `"""add nickname

Revision ID: 6f708192a3b4
Revises: 5e6f708192a3
Create Date: 2026-11-20 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "6f708192a3b4"
down_revision = "5e6f708192a3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=False))


def downgrade():
    op.drop_column("users", "nickname")
`

// rulesByFile runs check --base main --format json in dir.
func rulesByFile(t *testing.T, dir string) map[string][]string {
	t.Helper()
	var stdout, stderr strings.Builder
	t.Chdir(dir)
	t.Setenv("GITHUB_ACTIONS", "")
	run(t.Context(), []string{"check", "--base", "main", "--format", "json"}, &stdout, &stderr)
	var doc struct{ Diagnostics []struct{ Rule, Path string } }
	if err := json.Unmarshal([]byte(stdout.String()), &doc); err != nil {
		t.Fatalf("%v: %s %s", err, stdout.String(), stderr.String())
	}
	out := map[string][]string{}
	for _, d := range doc.Diagnostics {
		out[filepath.Base(d.Path)] = append(out[filepath.Base(d.Path)], d.Rule)
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

func TestBaseChangeSet(t *testing.T) {
	versions := filepath.Join("migrations", "versions")
	t.Run("only the new revision is linted", func(t *testing.T) {
		dir := gitRepo(t)
		if err := os.WriteFile(filepath.Join(dir, versions, "6f708192a3b4_add_nickname.py"), []byte(featureRevision), 0o644); err != nil {
			t.Fatal(err)
		}
		got := rulesByFile(t, dir)
		// The example's own findings (ML401 on an older file, ML701 on the
		// untouched env.py) are not the change's; the new file's are, and
		// it is not git-added yet (ML116).
		if len(got) != 1 || strings.Join(got["6f708192a3b4_add_nickname.py"], " ") != "ML116 ML211 ML401" {
			t.Errorf("findings by file: %v", got)
		}
	})
	t.Run("an edited env.py is the change's", func(t *testing.T) {
		dir := gitRepo(t)
		env := filepath.Join(dir, "migrations", "env.py")
		data, _ := os.ReadFile(env)
		os.WriteFile(env, append(data, []byte("# touched\n")...), 0o644)
		if got := rulesByFile(t, dir); strings.Join(got["env.py"], " ") != "ML701" {
			t.Errorf("findings by file: %v", got)
		}
	})
	t.Run("stale base, edited and deleted merged revisions", func(t *testing.T) {
		dir := gitRepo(t)
		stale := strings.ReplaceAll(featureRevision, "5e6f708192a3", "3c4d5e6f7081")
		if err := os.WriteFile(filepath.Join(dir, versions, "6f708192a3b4_add_nickname.py"), []byte(stale), 0o644); err != nil {
			t.Fatal(err)
		}
		edited := filepath.Join(dir, versions, "2b3c4d5e6f70_create_conversation_log.py")
		data, _ := os.ReadFile(edited)
		os.WriteFile(edited, []byte(strings.Replace(string(data), `sa.Text(), nullable=False`, `sa.Text(), nullable=True`, 1)), 0o644)
		gitIn(t, dir, "rm", "-q", filepath.Join(versions, "1a2b3c4d5e6f_create_users.py"))
		got := rulesByFile(t, dir)
		if !contains(got["6f708192a3b4_add_nickname.py"], "ML111") {
			t.Errorf("no ML111 for a revision on an old parent: %v", got)
		}
		if !contains(got["2b3c4d5e6f70_create_conversation_log.py"], "ML112") {
			t.Errorf("no ML112 for an edited merged revision: %v", got)
		}
		if !contains(got["1a2b3c4d5e6f_create_users.py"], "ML113") {
			t.Errorf("no ML113 for a deleted merged revision: %v", got)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

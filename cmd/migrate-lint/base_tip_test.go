package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mainRevision is a revision the base branch gains after the feature
// branch was made, on the same parent as featureRevision.
const mainRevision = `"""add avatar

Revision ID: 7a8b9c0d1e2f
Revises: 5e6f708192a3
"""
from alembic import op
import sqlalchemy as sa

revision = "7a8b9c0d1e2f"
down_revision = "5e6f708192a3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("avatar", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("users", "avatar")
`

// TestBaseTip: --base compares with the base branch's tip. A feature
// branch whose new revision sits on a parent that the base branch has
// since built on is stale (ML111) in a local checkout, where the base's
// new revision is not in the working tree; after a rebase it is not.
func TestBaseTip(t *testing.T) {
	versions := filepath.Join("migrations", "versions")
	setup := func(t *testing.T) string {
		dir := gitRepo(t)
		gitIn(t, dir, "checkout", "-q", "main")
		if err := os.WriteFile(filepath.Join(dir, versions, "7a8b9c0d1e2f_add_avatar.py"), []byte(mainRevision), 0o644); err != nil {
			t.Fatal(err)
		}
		gitIn(t, dir, "add", "-A")
		gitIn(t, dir, "commit", "-qm", "main adds a revision")
		gitIn(t, dir, "checkout", "-q", "feature")
		return dir
	}
	t.Run("stale", func(t *testing.T) {
		dir := setup(t)
		if err := os.WriteFile(filepath.Join(dir, versions, "6f708192a3b4_add_nickname.py"), []byte(featureRevision), 0o644); err != nil {
			t.Fatal(err)
		}
		gitIn(t, dir, "add", "-A")
		gitIn(t, dir, "commit", "-qm", "feature adds a revision")
		got := rulesByFile(t, dir)
		if !contains(got["6f708192a3b4_add_nickname.py"], "ML111") {
			t.Errorf("no ML111 for a revision on a parent the base branch has since built on: %v", got)
		}
	})
	t.Run("rebased", func(t *testing.T) {
		dir := setup(t)
		gitIn(t, dir, "rebase", "-q", "main")
		rebased := strings.ReplaceAll(featureRevision, "5e6f708192a3", "7a8b9c0d1e2f")
		if err := os.WriteFile(filepath.Join(dir, versions, "6f708192a3b4_add_nickname.py"), []byte(rebased), 0o644); err != nil {
			t.Fatal(err)
		}
		got := rulesByFile(t, dir)
		if contains(got["6f708192a3b4_add_nickname.py"], "ML111") || len(got["7a8b9c0d1e2f_add_avatar.py"]) > 0 {
			t.Errorf("findings after rebasing onto the base branch: %v", got)
		}
		if !contains(got["6f708192a3b4_add_nickname.py"], "ML401") {
			t.Errorf("the new revision was not linted: %v", got)
		}
	})
}

// TestBaseOddFileName: a merged revision whose file name holds a newline,
// deleted by the change, is reported (ML113).
func TestBaseOddFileName(t *testing.T) {
	dir := gitRepo(t)
	odd := filepath.Join(dir, "migrations", "versions", "7a8b9c0d1e2f_odd\nname.py")
	if err := os.WriteFile(odd, []byte(mainRevision), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "a revision with an odd name")
	gitIn(t, dir, "branch", "-f", "main", "HEAD")
	gitIn(t, dir, "rm", "-q", odd)
	got := rulesByFile(t, dir)
	if !contains(got["7a8b9c0d1e2f_odd\nname.py"], "ML113") {
		t.Errorf("no ML113 for the deleted revision with a newline in its name: %v", got)
	}
}

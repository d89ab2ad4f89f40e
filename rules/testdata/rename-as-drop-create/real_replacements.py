"""replace the legacy audit table, swap notes for a rating

Revision ID: 4d5e6f7a8b9c
Revises:
Create Date: 2026-09-01 10:12:03.120345

"""
from alembic import op
import sqlalchemy as sa

revision = "4d5e6f7a8b9c"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.drop_table("audit_log")  # migrate-lint: ignore[ML301] audit_log archived to S3 in release 4.1
    op.add_column("reviews", sa.Column("rating", sa.Integer(), nullable=True))
    op.drop_column("reviews", "notes")  # migrate-lint: ignore[ML302] notes exported before this release
    # Same type, unrelated meaning: a replacement, not a rename.
    op.add_column("rules", sa.Column("window", sa.Integer(), nullable=True))
    op.drop_column("rules", "creator_id")  # migrate-lint: ignore[ML302] rules no longer record their creator


def downgrade():
    op.add_column("rules", sa.Column("creator_id", sa.Integer(), nullable=True))
    op.drop_column("rules", "window")
    op.add_column("reviews", sa.Column("notes", sa.Text(), nullable=True))
    op.drop_column("reviews", "rating")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.drop_table("audit_events")

"""objects that go with their column, or come back with their table

Revision ID: a1b2c3000321
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000321"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("slug", sa.Text(), nullable=True))
    op.create_index("ix_users_slug", "users", ["slug"])
    op.add_column("users", sa.Column("mode", sa.Integer(), nullable=True))
    op.create_check_constraint("root_not_inheriting", "users", f"(id != 0) OR (mode != {Mode.inheriting.value})")
    op.drop_index("ix_sessions_token", table_name="sessions")
    op.drop_table("sessions")


def downgrade():
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.Text()),
        sa.Index("ix_sessions_token", "token"),
    )
    op.drop_column("users", "mode")
    op.drop_column("users", "slug")

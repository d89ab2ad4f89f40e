"""index drops that CONCURRENTLY would not make gentler

Revision ID: a1b2c3000303
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000303"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index("ix_users_legacy", table_name="users")
    op.drop_column("users", "legacy")


def downgrade():
    op.add_column("users", sa.Column("legacy", sa.Text(), nullable=True))
    op.create_index("ix_users_legacy", "users", ["legacy"])
    op.create_table("sessions", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("user_id", sa.Integer()))
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])

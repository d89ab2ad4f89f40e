"""the backfill runs before the schema change: it holds no DDL lock while it runs

Revision ID: a1b2c3000305
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000305"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE users SET status = 'active' WHERE status IS NULL")
    op.alter_column("users", "status", existing_type=sa.String(20), server_default="active")


def downgrade():
    op.alter_column("users", "status", existing_type=sa.String(20), server_default=None)

"""set_not_null_after_backfill

Revision ID: e05
Revises: d04
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "e05"
down_revision = "d04"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE items SET label = '' WHERE label IS NULL")
    op.alter_column("items", "label", existing_type=sa.String(50), nullable=False)


def downgrade():
    op.alter_column("items", "label", existing_type=sa.String(50), nullable=True)

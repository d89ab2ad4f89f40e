"""set_not_null_over_nulls

Revision ID: d04
Revises: c03
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "d04"
down_revision = "c03"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("items", "name", existing_type=sa.String(50), nullable=False)


def downgrade():
    op.alter_column("items", "name", existing_type=sa.String(50), nullable=True)

"""fine after failure

Revision ID: e5
Revises: c3
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "c3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("sku", sa.String(20), nullable=True))


def downgrade():
    op.drop_column("items", "sku")

"""add price

Revision ID: b2
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("price", sa.Numeric(10, 2), nullable=True))


def downgrade():
    op.drop_column("items", "price")

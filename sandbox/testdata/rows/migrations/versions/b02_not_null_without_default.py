"""not_null_without_default

Revision ID: b02
Revises: a01
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b02"
down_revision = "a01"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("status", sa.String(10), nullable=False))


def downgrade():
    op.drop_column("items", "status")

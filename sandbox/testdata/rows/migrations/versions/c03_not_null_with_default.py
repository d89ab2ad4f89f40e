"""not_null_with_default

Revision ID: c03
Revises: b02
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c03"
down_revision = "b02"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("kind", sa.String(10), nullable=False, server_default="plain"))


def downgrade():
    op.drop_column("items", "kind")

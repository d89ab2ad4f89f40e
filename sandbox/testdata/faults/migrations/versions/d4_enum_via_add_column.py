"""enum via add column

Revision ID: d4
Revises: c3
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = "c3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("status", sa.Enum("new", "old", name="item_status"), nullable=True))


def downgrade():
    op.drop_column("items", "status")

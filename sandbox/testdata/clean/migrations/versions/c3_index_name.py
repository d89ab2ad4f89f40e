"""index name

Revision ID: c3
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_items_name", "items", ["name"])


def downgrade():
    op.drop_index("ix_items_name", table_name="items")

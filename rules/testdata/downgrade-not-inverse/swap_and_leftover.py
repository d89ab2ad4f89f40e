"""a column swapped through a temporary name, an invalid leftover index rebuilt

Revision ID: a1b2c3000322
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000322"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("total_new", sa.Numeric(12, 2), nullable=True))
    op.execute("UPDATE orders SET total_new = total WHERE id < 1000")
    op.drop_column("orders", "total")
    op.alter_column("orders", "total_new", new_column_name="total")
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_created_at", table_name="orders", postgresql_concurrently=True, if_exists=True)
        op.create_index("ix_orders_created_at", "orders", ["created_at"], postgresql_concurrently=True)


def downgrade():
    op.alter_column("orders", "total", new_column_name="total_new")
    op.add_column("orders", sa.Column("total", sa.Numeric(10, 2), nullable=True))
    op.execute("UPDATE orders SET total = total_new WHERE id < 1000")
    op.drop_column("orders", "total_new")

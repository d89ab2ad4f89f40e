"""two changes on mysql

Revision ID: a1b2c300004f
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300004f"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
    op.create_index("ix_orders_note", "orders", ["note"], mysql_length=100)  # want ML507 "second DDL statement \(create_index\)"


def downgrade():
    op.drop_index("ix_orders_note", table_name="orders")
    op.drop_column("orders", "note")

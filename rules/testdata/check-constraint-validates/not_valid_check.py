"""check total not valid

Revision ID: a1b2c300000b
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000b"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_check_constraint("ck_orders_total", "orders", "total >= 0", postgresql_not_valid=True)
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total")


def downgrade():
    op.drop_constraint("ck_orders_total", "orders", type_="check")

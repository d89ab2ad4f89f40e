"""drop check constraint

Revision ID: a1b2c300002e
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300002e"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("ck_orders_total_positive", "orders", type_="check")  # want ML306 "dropping constraint \"ck_orders_total_positive\" from existing table \"orders\""


def downgrade():
    op.create_check_constraint("ck_orders_total_positive", "orders", "total > 0")

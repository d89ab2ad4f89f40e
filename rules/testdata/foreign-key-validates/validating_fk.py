"""fk orders.user_id

Revision ID: a1b2c3000008
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000008"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key("fk_orders_user_id", "orders", "users", ["user_id"], ["id"])  # want ML204 "foreign key \"fk_orders_user_id\" on existing table \"orders\""
    op.execute("ALTER TABLE orders ADD CONSTRAINT fk_orders_shop FOREIGN KEY (shop_id) REFERENCES shops (id)")  # want ML204 "fk_orders_shop"


def downgrade():
    op.drop_constraint("fk_orders_shop", "orders", type_="foreignkey")
    op.drop_constraint("fk_orders_user_id", "orders", type_="foreignkey")

"""constraints replaced in the same revision: renamed, ON DELETE CASCADE added, or gone with their column

Revision ID: a1b2c3000301
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000301"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("fk_orders_user_id", "orders", type_="foreignkey")
    op.create_foreign_key("fk_orders_user_id_users", "orders", "users", ["user_id"], ["id"], ondelete="CASCADE", postgresql_not_valid=True)
    op.execute("ALTER TABLE orders DROP CONSTRAINT ck_total")
    op.execute("ALTER TABLE orders ADD CONSTRAINT ck_total_nonnegative CHECK (total >= 0) NOT VALID")
    op.drop_constraint("uq_orders_legacy_code", "orders", type_="unique")
    op.drop_column("orders", "legacy_code")


def downgrade():
    op.add_column("orders", sa.Column("legacy_code", sa.Text(), nullable=True))
    op.create_unique_constraint("uq_orders_legacy_code", "orders", ["legacy_code"])
    op.execute("ALTER TABLE orders DROP CONSTRAINT ck_total_nonnegative")
    op.execute("ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total > 0)")
    op.drop_constraint("fk_orders_user_id_users", "orders", type_="foreignkey")
    op.create_foreign_key("fk_orders_user_id", "orders", "users", ["user_id"], ["id"])

"""foreign_key_recreated

Revision ID: n14
Revises: m13
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "n14"
down_revision = "m13"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("fk_orders_owner", "orders", type_="foreignkey")
    op.create_foreign_key("fk_orders_owner", "orders", "owners", ["owner_id"], ["id"])


def downgrade():
    pass

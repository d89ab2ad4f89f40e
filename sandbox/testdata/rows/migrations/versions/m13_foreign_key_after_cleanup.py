"""foreign_key_after_cleanup

Revision ID: m13
Revises: l12
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "m13"
down_revision = "l12"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE items SET buyer_id = NULL WHERE buyer_id NOT IN (SELECT id FROM owners)")
    op.create_foreign_key("fk_items_buyer", "items", "owners", ["buyer_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_items_buyer", "items", type_="foreignkey")
    if op.get_bind().dialect.name != "postgresql":
        op.drop_index("fk_items_buyer", "items")  # MySQL made it for the foreign key

"""foreign_key_over_orphans

Revision ID: l12
Revises: k11
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "l12"
down_revision = "k11"
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key("fk_items_owner", "items", "owners", ["owner_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_items_owner", "items", type_="foreignkey")
    if op.get_bind().dialect.name != "postgresql":
        op.drop_index("fk_items_owner", "items")  # MySQL made it for the foreign key

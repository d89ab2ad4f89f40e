"""unique_after_dedupe

Revision ID: g07
Revises: f06
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "g07"
down_revision = "f06"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DELETE FROM items a USING items b WHERE a.ref = b.ref AND a.id > b.id")
    else:
        op.execute("DELETE a FROM items a JOIN items b ON a.ref = b.ref AND a.id > b.id")
    op.create_unique_constraint("uq_items_ref", "items", ["ref"])


def downgrade():
    op.drop_constraint("uq_items_ref", "items", type_="unique")

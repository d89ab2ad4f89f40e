"""add column on mariadb 10.6

Revision ID: a1b2c300001d
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mariadb target-version=10.6
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300001d"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("order_id", sa.Integer()))
    op.create_foreign_key("fk_tags_order", "tags", "orders", ["order_id"], ["id"])


def downgrade():
    op.drop_table("tags")
    op.drop_column("orders", "note")

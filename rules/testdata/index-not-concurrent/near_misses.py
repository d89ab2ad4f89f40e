"""concurrent index; index on a new table; mysql

Revision ID: a1b2c3000002
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000002"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True)
        op.execute("CREATE INDEX CONCURRENTLY ix_orders_created ON orders (created_at)")
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(50)))
    op.create_index("ix_tags_name", "tags", ["name"])


def downgrade():
    op.drop_index("ix_tags_name", table_name="tags")
    op.drop_table("tags")

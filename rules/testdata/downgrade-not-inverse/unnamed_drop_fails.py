"""autogenerate's downgrade without a naming convention

Revision ID: a1b2c3000323
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000323"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("user_id", sa.Integer(), nullable=True))
    op.create_foreign_key(None, "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True)
    op.create_index("ix_orders_placed_at", "orders", ["placed_at"])  # want ML503 "index \"ix_orders_placed_at\" is created by upgrade but downgrade does not remove it"


def downgrade():
    op.drop_constraint(None, "orders", type_="foreignkey")  # want ML503 "downgrade drops a constraint of \"orders\" named None"
    op.drop_column("orders", "user_id")

"""a foreign key the naming convention names

Revision ID: a1b2c3000330
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000330"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key(None, "orders", "users", ["user_id"], ["id"])  # want ML204 "foreign key on \(user_id\) on existing table \"orders\""


def downgrade():
    op.drop_constraint("fk_orders_user_id_users", "orders", type_="foreignkey")

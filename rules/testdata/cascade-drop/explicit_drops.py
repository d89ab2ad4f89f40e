"""drop without cascade

Revision ID: a1b2c300002d
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300002d"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("fk_orders_customer_id", "orders", type_="foreignkey")  # migrate-lint: ignore[ML306] customers are gone
    op.execute("DROP TABLE customers")  # migrate-lint: ignore[ML301] archived


def downgrade():
    pass

"""rename customer

Revision ID: a1b2c3000037
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000037"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("customer", "customers")  # want ML404 "renaming table \"customer\" to \"customers\""


def downgrade():
    op.rename_table("customers", "customer")

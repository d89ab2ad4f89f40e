"""add enum value on postgres 11

Revision ID: a1b2c300001f
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: target-version=11
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300001f"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")  # want ML213 "adding value \"refunded\" to enum type \"order_status\""


def downgrade():
    pass

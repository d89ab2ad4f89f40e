"""drop with cascade

Revision ID: a1b2c300002c
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300002c"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DROP TABLE customers CASCADE")  # want ML305 "drop_table with CASCADE also removes everything that depends on \"customers\""


def downgrade():
    pass

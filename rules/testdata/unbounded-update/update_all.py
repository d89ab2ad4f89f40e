"""reset flags

Revision ID: a1b2c300003b
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300003b"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE users SET flags = 0")  # want ML406 "UPDATE without WHERE rewrites every row of \"users\""


def downgrade():
    pass

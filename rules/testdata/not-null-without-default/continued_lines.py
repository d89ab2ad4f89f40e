"""add mood, over continued lines

Revision ID: a1b2c3000031
Revises: 0f1e2d3c4b5a
Create Date: 2026-12-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000031"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    # A backslash continuation was once read as an argument, which moved
    # the column to the third and hid it.
    op.add_column(  # want ML401 "adding NOT NULL column \"mood\" to \"conversation_log\" without server_default"
        "conversation_log", \
        sa.Column("mood", sa.String(length=16), nullable=False))


def downgrade():
    op.drop_column("conversation_log", "mood")

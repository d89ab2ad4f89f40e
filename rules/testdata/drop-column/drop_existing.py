"""drop legacy flag

Revision ID: a1b2c3000026
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000026"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("users", "legacy_flag")  # want ML302 "dropping column \"users\".\"legacy_flag\""
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("old_total")  # want ML302 "\"orders\".\"old_total\""


def downgrade():
    op.add_column("orders", sa.Column("old_total", sa.Integer(), nullable=True))
    op.add_column("users", sa.Column("legacy_flag", sa.Boolean(), nullable=True))

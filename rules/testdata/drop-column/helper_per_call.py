"""a helper called once per table

Revision ID: a1b2c3000328
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000328"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    drop_legacy("users")
    drop_legacy("orders", column="old_flag")


def downgrade():
    pass


def drop_legacy(table, column="legacy"):
    op.drop_column(table, column)  # want ML302 "\"users\".\"legacy\"" ML302 "\"orders\".\"old_flag\""

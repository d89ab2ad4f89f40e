"""rename name to full_name

Revision ID: a1b2c3000035
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000035"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "name", new_column_name="full_name")  # want ML403 "renaming column \"users\".\"name\" to \"full_name\""
    op.execute("ALTER TABLE users RENAME COLUMN nick TO nickname")  # want ML403 "\"users\".\"nick\" to \"nickname\""


def downgrade():
    op.alter_column("users", "nickname", new_column_name="nick")
    op.alter_column("users", "full_name", new_column_name="name")

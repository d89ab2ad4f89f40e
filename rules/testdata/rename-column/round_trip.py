"""a column renamed away and back (a swap through a temporary name)

Revision ID: a1b2c3000329
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000329"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "email", new_column_name="email_old")
    op.alter_column("users", "email_old", new_column_name="email")


def downgrade():
    pass

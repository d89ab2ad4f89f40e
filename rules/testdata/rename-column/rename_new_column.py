"""rename a column added here

Revision ID: a1b2c3000036
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000036"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("nm", sa.String(50), nullable=True))
    op.alter_column("users", "nm", new_column_name="nickname")


def downgrade():
    op.drop_column("users", "nickname")

"""step b2

Revision ID: b2
Revises: None
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("c_b2", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("users", "c_b2")

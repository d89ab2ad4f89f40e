"""step b2

Revision ID: b1
Revises: a0
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None
# want@3 ML109 "docstring says Revision ID \"b1\" but revision is \"b2\""
# want@4 ML109 "docstring says Revises \"a0\" but down_revision is \"a1\""


def upgrade():
    op.add_column("users", sa.Column("c_b2", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("users", "c_b2")

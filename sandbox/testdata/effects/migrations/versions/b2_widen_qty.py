"""widen qty

Revision ID: b2
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("items", "qty", type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade():
    op.alter_column("items", "qty", type_=sa.Integer(), existing_type=sa.BigInteger())

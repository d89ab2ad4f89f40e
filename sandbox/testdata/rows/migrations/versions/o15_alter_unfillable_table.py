"""alter_unfillable_table

Revision ID: o15
Revises: n14
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "o15"
down_revision = "n14"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("tokens", "code", existing_type=sa.String(7), type_=sa.String(3), existing_nullable=False)


def downgrade():
    op.alter_column("tokens", "code", existing_type=sa.String(3), type_=sa.String(7), existing_nullable=False)

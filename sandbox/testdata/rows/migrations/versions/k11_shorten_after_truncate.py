"""shorten_after_truncate

Revision ID: k11
Revises: j10
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "k11"
down_revision = "j10"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE items SET caption = substr(caption, 1, 10)")
    op.alter_column("items", "caption", existing_type=sa.String(50), type_=sa.String(10))


def downgrade():
    op.alter_column("items", "caption", existing_type=sa.String(10), type_=sa.String(50))

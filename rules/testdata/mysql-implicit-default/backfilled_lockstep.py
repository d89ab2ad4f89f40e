# fixture: dialect=mysql
"""contact.provider_name backfilled, old columns dropped: old servers cannot run on it anyway

Revision ID: a1b2c3000343
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000343"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("contact", sa.Column("provider_name", sa.String(64), nullable=False))
    op.execute("UPDATE contact SET provider_name = 'inbox'")
    op.alter_column("contact", "g_id", new_column_name="uid", existing_type=sa.String(64))
    op.add_column("expand_me", sa.Column("flag", sa.Boolean(), nullable=False))
    op.execute("UPDATE expand_me SET flag = false")


def downgrade():
    op.drop_column("expand_me", "flag")
    op.alter_column("contact", "uid", new_column_name="g_id", existing_type=sa.String(64))
    op.drop_column("contact", "provider_name")

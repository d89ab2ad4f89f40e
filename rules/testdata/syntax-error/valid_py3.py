"""backfill flags, ported to Python 3

Revision ID: 0a1b2c3d4e5f
Revises:
Create Date: 2014-03-02 11:02:11.000000

"""
from alembic import op

revision = '0a1b2c3d4e5f'
down_revision = None


def upgrade():
    print("backfilling flags")
    op.execute("UPDATE flags SET enabled = false")


def downgrade():
    pass

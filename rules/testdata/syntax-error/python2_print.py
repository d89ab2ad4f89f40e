"""backfill flags (written in 2014, Python 2)

Revision ID: 0a1b2c3d4e5f
Revises: 9f8e7d6c5b4a
Create Date: 2014-03-02 11:02:11.000000

"""
from alembic import op

revision = '0a1b2c3d4e5f'
down_revision = '9f8e7d6c5b4a'


def upgrade():
    print "backfilling flags"  # want ML001 "Python 2 print statement"
    op.execute("UPDATE flags SET enabled = false")


def downgrade():
    pass

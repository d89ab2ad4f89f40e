"""d4_merge

Revision ID: d4
Revises: b2, c3
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = ("b2", "c3")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

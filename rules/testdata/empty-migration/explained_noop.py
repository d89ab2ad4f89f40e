"""milestone marker

Revision ID: a1b2c3000308
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000308"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    # Kept on purpose: the release tag points at this revision.
    pass


def downgrade():
    pass

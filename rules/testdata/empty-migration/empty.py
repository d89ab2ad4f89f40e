"""nothing to do

Revision ID: a1b2c300004d
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300004d"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    pass  # want@19 ML506 "upgrade\(\) and downgrade\(\) are empty"


def downgrade():
    pass

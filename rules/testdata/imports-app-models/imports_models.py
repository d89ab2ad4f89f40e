"""backfill with the models

Revision ID: a1b2c300003d
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp.models import User  # want ML407 "revision imports \"myapp.models\""
import myapp.settings  # want ML407 "\"myapp.settings\""

# revision identifiers, used by Alembic.
revision = "a1b2c300003d"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE users SET plan = 'free' WHERE plan IS NULL")


def downgrade():
    pass

"""drop legacy tables

Revision ID: a1b2c3000024
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000024"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("legacy_events")  # want ML301 "dropping table \"legacy_events\" deletes its data"
    op.execute("DROP TABLE legacy_audit")  # want ML301 "\"legacy_audit\""


def downgrade():
    raise NotImplementedError("data is gone")

"""pk on events

Revision ID: a1b2c3000013
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000013"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_primary_key("pk_events", "events", ["id"])  # want ML209 "adding primary key \"pk_events\" to existing table \"events\""


def downgrade():
    op.drop_constraint("pk_events", "events", type_="primary")

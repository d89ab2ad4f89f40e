"""names by op.f() and by the naming convention

Revision ID: a1b2c3000320
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000320"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_events_title"), "events", ["title"])
    op.create_check_constraint("valid_title", "events", "title <> ''", postgresql_not_valid=True)


def downgrade():
    op.drop_constraint("ck_events_valid_title", "events", type_="check")
    op.drop_index(op.f("ix_events_title"), table_name="events")

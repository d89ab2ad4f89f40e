"""data-only fix through a temporary table

Revision ID: a1b2c3000324
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000324"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TEMPORARY TABLE merge_map AS SELECT id, merged_into_id FROM users WHERE merged_into_id IS NOT NULL;
        CREATE INDEX ix_merge_map ON merge_map (id);
        UPDATE events SET creator_id = merge_map.merged_into_id FROM merge_map WHERE events.creator_id = merge_map.id;
    """)


def downgrade():
    pass

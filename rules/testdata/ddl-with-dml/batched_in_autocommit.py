"""batched backfill in autocommit blocks: the schema change is committed first

Revision ID: a1b2c3000331
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000331"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("flow_run", sa.Column("state_ts", sa.DateTime(), nullable=True))
    with op.get_context().autocommit_block():
        op.execute("UPDATE flow_run SET state_ts = created WHERE id < 10000")


def downgrade():
    op.drop_column("flow_run", "state_ts")

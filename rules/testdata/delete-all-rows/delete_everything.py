"""clear sessions

Revision ID: a1b2c3000028
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000028"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM sessions")  # want ML303 "DELETE without WHERE deletes every row of \"sessions\""
    op.execute("TRUNCATE audit_log")  # want ML303 "TRUNCATE deletes every row of \"audit_log\""


def downgrade():
    pass

"""backfill with parameters

Revision ID: a1b2c3000049
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000049"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sa.text("UPDATE users SET plan = :plan WHERE plan IS NULL").bindparams(plan="free"))
    op.execute("UPDATE users SET plan = 'free' " "WHERE plan IS NULL")


def downgrade():
    pass

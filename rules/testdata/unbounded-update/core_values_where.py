"""SQLAlchemy Core update with its WHERE last

Revision ID: a1b2c3000327
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


users = sa.table("users", sa.column("plan"))

# revision identifiers, used by Alembic.
revision = "a1b2c3000327"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(users.update().values(plan="free").where(users.c.plan.is_(None)))


def downgrade():
    pass

# fixture: dialect=mysql
"""port ranges in the expand branch, backfilled, an old column dropped

Revision ID: a1b2c3000344
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000344"
down_revision = "0f1e2d3c4b5a"
branch_labels = ("expand",)
depends_on = None


def upgrade():
    op.add_column("portforwardings", sa.Column("internal_port_start", sa.Integer(), nullable=False))  # want ML409 "servers still running the previous release"
    op.execute("UPDATE portforwardings SET internal_port_start = socket_port")
    op.drop_column("portforwardings", "socket_port")


def downgrade():
    op.add_column("portforwardings", sa.Column("socket_port", sa.Integer(), nullable=True))
    op.drop_column("portforwardings", "internal_port_start")

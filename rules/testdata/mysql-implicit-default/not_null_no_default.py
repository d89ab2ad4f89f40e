# fixture: dialect=mysql
"""orders.channel

Revision ID: a1b2c3000313
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000313"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("channel", sa.String(20), nullable=False))  # want ML409 "adding NOT NULL column \"channel\" to existing table \"orders\" without server_default: MySQL fills"
    op.create_table("refunds", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("refunds", sa.Column("reason", sa.String(20), nullable=False))


def downgrade():
    op.drop_table("refunds")
    op.drop_column("orders", "channel")

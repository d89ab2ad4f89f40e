"""constant defaults

Revision ID: a1b2c3000016
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000016"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("status", sa.String(20), nullable=False, server_default="new"))
    op.add_column("orders", sa.Column("seen_at", sa.DateTime(), nullable=False, server_default=sa.func.now()))


def downgrade():
    op.drop_column("orders", "seen_at")
    op.drop_column("orders", "status")

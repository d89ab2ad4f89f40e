"""generated revision id

Revision ID: 3d4e5f607182
Revises:
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp.ids import short_id

# want:next ML003 "gives no reason"
# migrate-lint: ignore[ML004]
revision = short_id("3d4e5f607182")
down_revision = None
branch_labels = None  # migrate-lint: ignore[ML999] no such rule  # want ML003 "names \"ML999\""
# want:next ML003 "unknown migrate-lint directive"
# migrate-lint: disable[ML004] old style


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))


def downgrade():
    op.drop_column("users", "nickname")

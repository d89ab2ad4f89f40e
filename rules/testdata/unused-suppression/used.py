"""generated revision id

Revision ID: 2c3d4e5f6071
Revises:
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp.ids import short_id

# migrate-lint: ignore[ML004] id comes from our generator, reviewed
revision = short_id("2c3d4e5f6071")
down_revision = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))


def downgrade():
    op.drop_column("users", "nickname")

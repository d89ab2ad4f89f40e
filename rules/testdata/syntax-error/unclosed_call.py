"""add email

Revision ID: 1b2c3d4e5f60
Revises:
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "1b2c3d4e5f60"
down_revision = None


def upgrade():
    # want:next ML001 "invalid Python syntax near \"op.add_column"
    op.add_column("users", sa.Column("email", sa.String(255), nullable=True)
def downgrade():
    op.drop_column("users", "email")

"""add nullable note

Revision ID: c3
Revises: b2
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("items", "note")

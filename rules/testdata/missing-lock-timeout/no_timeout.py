"""add column without lock timeout

Revision ID: a1b2c3000018
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000018"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))  # want ML211 "add_column on existing table \"orders\".\"note\" \(revision \"a1b2c3000018\"\) with no lock_timeout set anywhere"
    op.add_column("orders", sa.Column("tag", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("orders", "tag")
    op.drop_column("orders", "note")

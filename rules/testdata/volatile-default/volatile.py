"""public ids

Revision ID: a1b2c3000015
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000015"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("public_id", sa.String(36), nullable=False, server_default=sa.text("gen_random_uuid()")))  # want ML210 "volatile default gen_random_uuid\(\)"
    op.execute("ALTER TABLE orders ADD COLUMN salt float8 DEFAULT random()")  # want ML210 "\"orders\".\"salt\" with the volatile default random\(\)"


def downgrade():
    op.drop_column("orders", "salt")
    op.drop_column("orders", "public_id")

"""lock timeout in env.py

Revision ID: a1b2c300001a
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: lock-timeout-in-env=true
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300001a"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("orders", "note")

"""unique_over_duplicates

Revision ID: f06
Revises: e05
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "f06"
down_revision = "e05"
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint("uq_items_code", "items", ["code"])


def downgrade():
    op.drop_constraint("uq_items_code", "items", type_="unique")

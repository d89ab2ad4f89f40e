"""unique code

Revision ID: b2
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint("uq_codes_code", "codes", ["code"])


def downgrade():
    op.drop_constraint("uq_codes_code", "codes", type_="unique")

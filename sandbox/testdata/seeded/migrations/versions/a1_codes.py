"""codes

Revision ID: a1
Revises:
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(10), nullable=False),
        # Only domain knowledge can make a row: the generator leaves it empty.
        sa.CheckConstraint("code LIKE 'S-%' AND length(code) = 6", name="ck_codes_shape"),
    )


def downgrade():
    op.drop_table("codes")

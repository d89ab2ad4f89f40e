"""constraint on new table

Revision ID: a1b2c300002f
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300002f"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("n", sa.Integer()))
    op.create_check_constraint("ck_tags_n", "tags", "n > 0")
    op.drop_constraint("ck_tags_n", "tags", type_="check")


def downgrade():
    op.drop_table("tags")

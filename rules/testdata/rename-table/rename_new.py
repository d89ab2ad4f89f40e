"""rename a table created here

Revision ID: a1b2c3000038
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000038"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tmp_customers", sa.Column("id", sa.Integer(), primary_key=True))
    op.rename_table("tmp_customers", "customers_v2")


def downgrade():
    op.drop_table("customers_v2")

"""tags and an index

Revision ID: a1b2c3000046
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000046"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))  # want ML503 "table \"tags\" is created by upgrade but downgrade does not remove it"
    op.create_index("ix_users_email", "users", ["email"])  # want ML503 "index \"ix_users_email\" is created by upgrade"
    op.drop_column("users", "legacy")  # want ML503 "column \"users\".\"legacy\" is dropped by upgrade but downgrade does not recreate it"


def downgrade():
    op.drop_index("ix_users_other", table_name="users")

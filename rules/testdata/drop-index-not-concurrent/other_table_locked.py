"""the lock taken on another table does not cover this index

Revision ID: a1b2c3000304
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000304"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("orders", "legacy")
    op.drop_index("ix_users_email", table_name="users")  # want ML202 "dropping index \"ix_users_email\" without CONCURRENTLY"


def downgrade():
    op.create_index("ix_users_email", "users", ["email"])
    op.add_column("orders", sa.Column("legacy", sa.Text(), nullable=True))

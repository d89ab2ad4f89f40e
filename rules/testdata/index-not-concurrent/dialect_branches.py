"""an index per dialect

Revision ID: a1b2c3000325
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000325"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.create_index("ix_users_email", "users", ["email"])
    else:
        op.create_index("ix_users_email", "users", ["email"])  # want ML201 "creating index \"ix_users_email\" on existing table \"users\" without CONCURRENTLY"


def downgrade():
    op.drop_index("ix_users_email", table_name="users")

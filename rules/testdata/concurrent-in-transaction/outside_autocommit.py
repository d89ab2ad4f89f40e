"""concurrent index in transaction

Revision ID: a1b2c3000006
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000006"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)  # want ML203 "uses CONCURRENTLY inside the migration's transaction"
    op.execute("DROP INDEX CONCURRENTLY ix_users_old")  # want ML203 "drop_index \"ix_users_old\""


def downgrade():
    op.drop_index("ix_users_email", table_name="users")

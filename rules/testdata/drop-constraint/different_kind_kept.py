"""a unique constraint dropped while a check is added: still a lost guarantee

Revision ID: a1b2c3000302
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000302"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_constraint("uq_users_email", "users", type_="unique")  # want ML306 "dropping constraint \"uq_users_email\" from existing table \"users\""
    op.create_check_constraint("ck_users_email", "users", "email <> ''", postgresql_not_valid=True)


def downgrade():
    op.drop_constraint("ck_users_email", "users", type_="check")
    op.create_unique_constraint("uq_users_email", "users", ["email"])

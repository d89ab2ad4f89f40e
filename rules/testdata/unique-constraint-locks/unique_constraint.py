"""unique email

Revision ID: a1b2c3000011
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000011"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint("uq_users_email", "users", ["email"])  # want ML208 "unique constraint \"uq_users_email\""


def downgrade():
    op.drop_constraint("uq_users_email", "users", type_="unique")

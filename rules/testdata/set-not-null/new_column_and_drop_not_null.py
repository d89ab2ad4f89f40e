"""nullable changes: a column added earlier in the revision still sits in an existing table

Revision ID: a1b2c300000d
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000d"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))
    op.alter_column("users", "nickname", nullable=False, server_default="")  # want ML206 "setting NOT NULL on column \"nickname\" \(added earlier in this revision to existing table \"users\"\) scans the whole table"
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=True)


def downgrade():
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=False)  # downgrade is not linted by ML2xx
    op.drop_column("users", "nickname")

"""email not null

Revision ID: a1b2c300000c
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000c"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=False)  # want ML206 "setting NOT NULL on existing column \"users\".\"email\""
    op.execute("ALTER TABLE users ALTER COLUMN name SET NOT NULL")  # want ML206 "\"users\".\"name\""


def downgrade():
    op.alter_column("users", "name", nullable=True)
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=True)

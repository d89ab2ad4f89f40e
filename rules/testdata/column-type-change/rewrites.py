"""type changes

Revision ID: a1b2c300000e
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000e"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "age", type_=sa.BigInteger(), existing_type=sa.Integer())  # want ML207 "from integer to bigint rewrites the table"
    op.alter_column("users", "bio", type_=sa.String(length=100), existing_type=sa.Text())  # want ML207 "from text to varchar\(100\)"
    op.alter_column("users", "code", type_=sa.String(length=10))  # want ML207 "the old type is not given"
    op.execute("ALTER TABLE users ALTER COLUMN score TYPE numeric(12,2)")  # want ML207 "to numeric\(12,2\)"


def downgrade():
    op.alter_column("users", "score", type_=sa.Integer())
    op.alter_column("users", "bio", type_=sa.Text(), existing_type=sa.String(length=100))
    op.alter_column("users", "age", type_=sa.Integer(), existing_type=sa.BigInteger())

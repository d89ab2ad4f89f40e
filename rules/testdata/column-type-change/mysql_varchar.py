"""mysql varchar widening

Revision ID: a1b2c3000010
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000010"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("users", "name", type_=sa.String(length=60), existing_type=sa.String(length=40))
    op.alter_column("users", "title", type_=sa.String(length=100), existing_type=sa.String(length=50))  # want ML207 "from varchar\(50\) to varchar\(100\)"


def downgrade():
    op.alter_column("users", "title", type_=sa.String(length=50), existing_type=sa.String(length=100))

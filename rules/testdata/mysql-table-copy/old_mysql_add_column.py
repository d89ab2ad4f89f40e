"""add column on mysql 5.7

Revision ID: a1b2c300001c
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql target-version=5.7
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300001c"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))  # want ML212 "adding a column rebuilds the table before MySQL 8.0 / MariaDB 10.3 \(target 5.7\)"


def downgrade():
    op.drop_column("orders", "note")

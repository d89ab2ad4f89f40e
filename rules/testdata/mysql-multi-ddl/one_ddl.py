"""one change on mysql

Revision ID: a1b2c3000050
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000050"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text(), nullable=True))
    op.execute("UPDATE orders SET note = '' WHERE note IS NULL")


def downgrade():
    op.drop_column("orders", "note")

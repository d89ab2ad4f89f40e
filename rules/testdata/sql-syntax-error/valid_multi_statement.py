"""valid sql

Revision ID: a1b2c300004b
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300004b"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        SET lock_timeout = '5s';
        ALTER TABLE users ADD COLUMN nickname varchar(50);
    """)


def downgrade():
    op.drop_column("users", "nickname")

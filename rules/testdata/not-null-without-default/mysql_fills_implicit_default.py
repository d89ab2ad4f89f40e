"""mysql not null

Revision ID: a1b2c3000032
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000032"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("conversation_log", sa.Column("score", sa.Integer(), nullable=False))


def downgrade():
    op.drop_column("conversation_log", "score")

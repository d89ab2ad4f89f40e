"""add sentiment

Revision ID: a1b2c3000030
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000030"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("conversation_log", sa.Column("sentiment", sa.String(length=16), nullable=False))  # want ML401 "adding NOT NULL column \"sentiment\" to \"conversation_log\" without server_default"
    op.execute("ALTER TABLE conversation_log ADD COLUMN score integer NOT NULL")  # want ML401 "\"score\""


def downgrade():
    op.drop_column("conversation_log", "score")
    op.drop_column("conversation_log", "sentiment")

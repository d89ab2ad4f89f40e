"""safe additions

Revision ID: a1b2c3000031
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000031"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("conversation_log", sa.Column("sentiment", sa.String(16), nullable=False, server_default=sa.text("'neutral'")))
    op.add_column("conversation_log", sa.Column("note", sa.Text(), nullable=True))
    op.add_column("conversation_log", sa.Column("flag", sa.Boolean()))
    op.create_table("labels", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("labels", sa.Column("name", sa.String(20), nullable=False))


def downgrade():
    op.drop_table("labels")
    op.drop_column("conversation_log", "flag")
    op.drop_column("conversation_log", "note")
    op.drop_column("conversation_log", "sentiment")

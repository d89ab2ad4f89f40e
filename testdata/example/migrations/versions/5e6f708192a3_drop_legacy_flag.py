"""drop users.legacy_flag

Revision ID: 5e6f708192a3
Revises: 3c4d5e6f7081
Create Date: 2026-10-20 16:45:12.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "5e6f708192a3"
down_revision: Union[str, None] = "3c4d5e6f7081"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("users", sa.Column("legacy_flag", sa.Boolean(), nullable=True))
    op.execute("UPDATE users SET legacy_flag = false")
    op.drop_column("users", "legacy_flag")


def downgrade() -> None:
    pass

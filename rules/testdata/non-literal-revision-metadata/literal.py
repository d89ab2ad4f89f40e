"""literal ids, merge

Revision ID: 4e5f60718293
Revises: 3d4e5f607182, 2c3d4e5f6071
Create Date: 2026-10-01 12:00:00.000000

"""
from typing import Sequence, Union

revision: str = "4e5f60718293"
down_revision: Union[str, Sequence[str], None] = ("3d4e5f607182", "2c3d4e5f6071")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""stdlib, sqlalchemy and type libraries

Revision ID: a1b2c300003e
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
import json
from datetime import datetime
from typing import Sequence, Union
from sqlalchemy.dialects import postgresql
import sqlalchemy_utils
from . import helpers

# revision identifiers, used by Alembic.
revision = "a1b2c300003e"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("meta", postgresql.JSONB(), nullable=True))


def downgrade():
    op.drop_column("users", "meta")

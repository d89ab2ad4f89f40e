"""create everything

Revision ID: a1b2c300003f
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp.db import Base  # migrate-lint: ignore[ML407] legacy revision

# revision identifiers, used by Alembic.
revision = "a1b2c300003f"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    Base.metadata.create_all(bind)  # want ML408 "create_all\(\) creates the tables the models define today"


def downgrade():
    pass

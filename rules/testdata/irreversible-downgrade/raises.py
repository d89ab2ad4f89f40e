"""drop column for good

Revision ID: a1b2c3000044
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000044"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_column("users", "legacy")  # migrate-lint: ignore[ML302] archived


def downgrade():
    raise NotImplementedError("legacy data is archived, not restorable")  # want@23 ML502 "cannot be rolled back"

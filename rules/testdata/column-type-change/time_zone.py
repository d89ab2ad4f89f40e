"""created_at gains a time zone

Revision ID: a1b2c3000312
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000312"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("events", "created_at", existing_type=sa.DateTime(), type_=sa.DateTime(timezone=True))  # want ML207 "from timestamp to timestamp with time zone rewrites the table under an exclusive lock and reinterprets every stored value"
    op.execute("ALTER TABLE logs ALTER COLUMN at TYPE timestamptz")  # want ML207 "changing the type of \"logs\".\"at\" to timestamp with time zone"
    op.alter_column("events", "starts_at", existing_type=sa.DateTime(timezone=True), type_=sa.TIMESTAMP(timezone=True))


def downgrade():
    op.alter_column("events", "created_at", existing_type=sa.DateTime(timezone=True), type_=sa.DateTime())

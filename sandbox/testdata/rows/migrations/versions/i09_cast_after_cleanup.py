"""cast_after_cleanup

Revision ID: i09
Revises: h08
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "i09"
down_revision = "h08"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE items SET total = NULL WHERE total !~ '^[0-9]+$'")
    else:
        op.execute("UPDATE items SET total = NULL WHERE total NOT REGEXP '^[0-9]+$'")
    op.alter_column("items", "total", existing_type=sa.String(20), type_=sa.Integer(), postgresql_using="total::integer")


def downgrade():
    op.alter_column("items", "total", existing_type=sa.Integer(), type_=sa.String(20))

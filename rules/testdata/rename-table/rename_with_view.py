"""rename customer to customers, keeping the old name as a view

Revision ID: b2c3d4e5f607
Revises: a1b2c3d4e5f6
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = "b2c3d4e5f607"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("customer", "customers")
    op.execute("CREATE VIEW customer AS SELECT * FROM customers")


def downgrade():
    op.execute("DROP VIEW customer")
    op.rename_table("customers", "customer")

"""users and orders

Revision ID: a1
Revises:
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(120), nullable=False),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table("legacy_audit", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("legacy_audit")
    op.drop_table("orders")
    op.drop_table("users")

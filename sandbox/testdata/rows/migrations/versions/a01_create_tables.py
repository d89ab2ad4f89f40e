"""create_tables

Revision ID: a01
Revises: 
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "owners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("ref", sa.String(20), nullable=False),
        sa.Column("name", sa.String(50)),
        sa.Column("label", sa.String(50)),
        sa.Column("amount", sa.String(20)),
        sa.Column("total", sa.String(20)),
        sa.Column("title", sa.String(50)),
        sa.Column("caption", sa.String(50)),
        sa.Column("owner_id", sa.Integer()),
        sa.Column("buyer_id", sa.Integer()),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("owners.id", name="fk_orders_owner"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True)),
        sa.Column("payload", sa.JSON()),
        sa.CheckConstraint("qty > 0", name="ck_orders_qty"),
        sa.CheckConstraint("status IN ('new', 'paid')", name="ck_orders_status"),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(7), nullable=False),
        sa.CheckConstraint("code LIKE 'T%' AND length(code) = 7", name="ck_tokens_code"),
    )


def downgrade():
    op.drop_table("tokens")
    op.drop_table("orders")
    op.drop_table("items")
    op.drop_table("owners")

"""slugs, offline-safe

Revision ID: c3
Revises: b2
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import context, op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("code", sa.String(80)))
    if context.is_offline_mode():
        op.execute("UPDATE items SET code = lower(name)")
    else:
        bind = op.get_bind()
        for id_, name in bind.execute(sa.text("SELECT id, name FROM items")).fetchall():
            bind.execute(sa.text("UPDATE items SET code = :c WHERE id = :i"), {"c": (name or "").lower(), "i": id_})


def downgrade():
    op.drop_column("items", "code")

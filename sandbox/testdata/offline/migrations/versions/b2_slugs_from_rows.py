"""slugs computed from the rows

Revision ID: b2
Revises: a1
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("items", sa.Column("slug", sa.String(80)))
    bind = op.get_bind()
    for id_, name in bind.execute(sa.text("SELECT id, name FROM items")).fetchall():
        bind.execute(sa.text("UPDATE items SET slug = :s WHERE id = :i"), {"s": (name or "").lower(), "i": id_})


def downgrade():
    op.drop_column("items", "slug")

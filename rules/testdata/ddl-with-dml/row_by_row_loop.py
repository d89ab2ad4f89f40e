"""a row-by-row Python backfill after the schema change

Revision ID: a1b2c3000306
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000306"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("slug", sa.Text(), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.text("SELECT id, name FROM users")):
        conn.execute(sa.text("UPDATE users SET slug = :slug WHERE id = :id"), {"slug": row.name.lower(), "id": row.id})  # want ML405 "UPDATE in a Python loop of \"users\" runs after a schema change"


def downgrade():
    op.drop_column("users", "slug")

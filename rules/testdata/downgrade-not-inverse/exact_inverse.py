"""tags, index and column

Revision ID: a1b2c3000047
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000047"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(20)))
    op.create_index("ix_tags_name", "tags", ["name"])
    op.create_index("ix_users_email", "users", ["email"])
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))
    op.execute("ALTER TABLE users DROP COLUMN legacy")


def downgrade():
    op.add_column("users", sa.Column("legacy", sa.Text(), nullable=True))
    op.drop_column("users", "nickname")
    op.execute("DROP INDEX ix_users_email")
    op.drop_table("tags")

# fixture: dialect=mysql
"""foreign keys added with foreign_key_checks off: in place

Revision ID: a1b2c3000334
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000334"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("SET FOREIGN_KEY_CHECKS=0"))
    op.create_foreign_key("fk_category_ns", "category", "namespace", ["namespace_id"], ["id"], ondelete="CASCADE")
    conn.execute(sa.text("SET FOREIGN_KEY_CHECKS=1"))


def downgrade():
    op.drop_constraint("fk_category_ns", "category", type_="foreignkey")

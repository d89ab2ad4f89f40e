# fixture: dialect=postgresql
"""bound parameters are the driver's: :name, %s, %(name)s, IN :ids

Revision ID: a1b2c3000309
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000309"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE users SET plan = :plan WHERE id = :id"), {"plan": "free", "id": 1})
    conn.execute("UPDATE users SET plan = %s WHERE id = %(id)s", {"id": 1})
    conn.execute(sa.text("DELETE FROM sessions WHERE user_id IN :ids"), {"ids": (1, 2)})
    conn.execute(sa.text("SELECT 1::int, ':not_a_param'"))


def downgrade():
    pass

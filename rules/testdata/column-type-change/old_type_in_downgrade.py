"""widenings whose old type only the downgrade gives

Revision ID: a1b2c3000332
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000332"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("prices", "amount", type_=sa.Numeric(11, 2))
    op.execute("ALTER TABLE items ALTER COLUMN code TYPE varchar(64)")


def downgrade():
    op.execute("ALTER TABLE items ALTER COLUMN code TYPE varchar(32)")
    op.alter_column("prices", "amount", type_=sa.Numeric(8, 2))

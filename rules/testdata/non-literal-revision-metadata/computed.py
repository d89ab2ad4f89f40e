"""computed ids

Revision ID: 4e5f60718293
Revises: 3d4e5f607182
Create Date: 2026-10-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from myapp import ids

revision = ids.next_id()  # want ML004 "revision is assigned from \"ids.next_id\(\)\""
down_revision = f"{ids.PREVIOUS}"  # want ML004 "down_revision is assigned"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.String(50), nullable=True))


def downgrade():
    op.drop_column("users", "nickname")

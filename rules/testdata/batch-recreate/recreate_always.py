"""batch recreate on postgres

Revision ID: a1b2c3000022
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000022"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", recreate="always") as batch_op:  # want ML214 "batch_alter_table\(\"users\", recreate=\"always\"\) copies the whole table on postgresql"
        batch_op.add_column(sa.Column("email", sa.String(255), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("email")

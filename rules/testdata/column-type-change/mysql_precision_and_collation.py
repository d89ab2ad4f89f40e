# fixture: dialect=mysql
"""fractional seconds and collations found in the loops and downgrades

Revision ID: a1b2c3000341
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


# revision identifiers, used by Alembic.
revision = "a1b2c3000341"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    for table_name, column_name in op.get_bind().execute(sa.text("SELECT table_name, column_name FROM information_schema.columns")):
        op.alter_column(table_name, column_name, type_=mysql.DATETIME(fsp=6))  # want ML207 "copies the table"
    op.alter_column("event", "uid", type_=sa.String(767, collation="ascii_general_ci"))  # want ML207 "copies the table"
    op.alter_column("event", "title", type_=sa.String(255))


def downgrade():
    for table_name, column_name in op.get_bind().execute(sa.text("SELECT table_name, column_name FROM information_schema.columns")):
        op.alter_column(table_name, column_name, type_=mysql.DATETIME(fsp=0))
    op.alter_column("event", "title", type_=sa.String(128))
    op.alter_column("event", "uid", type_=sa.String(64))

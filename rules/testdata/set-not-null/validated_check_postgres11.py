# fixture: target-version=11
"""users.email not null, the safe way: the CHECK added NOT VALID by the
previous revision is validated first, so PostgreSQL 12+ skips the scan; on 11 it still scans

Revision ID: a1b2c300000e
Revises: a1b2c300000f
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300000e"
down_revision = "a1b2c300000f"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE users VALIDATE CONSTRAINT ck_users_email_not_null")
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=False)  # want ML206 "scans the whole table"
    op.drop_constraint("ck_users_email_not_null", "users", type_="check")


def downgrade():
    op.create_check_constraint("ck_users_email_not_null", "users", "email IS NOT NULL", postgresql_not_valid=True)
    op.alter_column("users", "email", existing_type=sa.String(255), nullable=True)

"""backfill per tenant

Revision ID: a1b2c3000048
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
import os

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000048"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    for (tenant,) in op.get_bind().execute(sa.text("SELECT name FROM tenants")):
        # A table name from the catalog cannot be a bound parameter: not reported.
        op.execute(f"UPDATE {tenant}_users SET plan = 'free' WHERE plan IS NULL")
        # A value pasted in is.
        op.execute(f"UPDATE {tenant}_users SET owner = '{tenant}' WHERE owner IS NULL")  # want ML504 "a value is pasted into this SQL at run time"
    # Built from literals only: as static as a literal, and analysed.
    for tenant in ("a", "b"):
        op.execute(f"UPDATE {tenant}_users SET plan = 'free' WHERE plan IS NULL")
    # A constant of the code cannot break the quoting: not reported.
    op.execute("UPDATE users SET x = %d WHERE id = 1" % 5)
    salt = os.environ.get("SALT")
    op.execute("UPDATE users SET hashed = md5(ip || '%s')" % salt)  # want ML504 "a value is pasted into this SQL at run time"


def downgrade():
    pass

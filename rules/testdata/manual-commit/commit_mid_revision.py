"""batched backfill that commits

Revision ID: a1b2c3000315
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000315"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE logins SET ip_id = 1 WHERE ip_id IS NULL"))
    bind.commit()  # want ML508 "COMMIT inside the revision"
    op.execute("COMMIT")  # want ML508 "COMMIT inside the revision"
    op.create_index("ix_logins_ip_id", "logins", ["ip_id"], postgresql_concurrently=True)


def downgrade():
    op.drop_index("ix_logins_ip_id", table_name="logins")

"""SQLAlchemy Core deletes

Revision ID: a1b2c3000326
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


sessions = sa.table("sessions", sa.column("expired"), sa.column("user_id"))
audit = sa.table("audit_log", sa.column("id"))

# revision identifiers, used by Alembic.
revision = "a1b2c3000326"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(sessions.delete().where(sessions.c.expired))
    op.execute(sa.delete(sessions).where(sessions.c.user_id.is_(None)))
    op.execute(sa.delete(audit).returning(audit.c.id))  # want ML303 "\"audit_log\""


def downgrade():
    pass

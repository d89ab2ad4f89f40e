"""create and seed plans

Revision ID: a1b2c300003a
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300003a"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    plans = op.create_table("plans", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(20)))
    op.bulk_insert(plans, [{"id": 1, "name": "free"}])
    op.execute("INSERT INTO plans (id, name) VALUES (2, 'pro')")
    op.execute("UPDATE accounts SET plan_id = 1 WHERE plan_id IS NULL")


def downgrade():
    op.drop_table("plans")

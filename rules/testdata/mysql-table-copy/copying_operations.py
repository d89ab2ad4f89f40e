"""fk and nullability on mysql

Revision ID: a1b2c300001b
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
# fixture: dialect=mysql
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c300001b"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"])  # want ML212 "adding a foreign key copies the table"
    # In place with concurrent writes: not reported.
    op.alter_column("orders", "total", existing_type=sa.Integer(), nullable=False)
    op.drop_constraint("pk_audit", "audit", type_="primary")  # want ML212 "dropping the primary key without adding another copies the table"
    # Replacing a primary key in one statement runs in place; in two, the
    # drop alone copies the table.
    op.execute("ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant_id)")
    op.drop_constraint("pk_carts", "carts", type_="primary")  # want ML212 "dropping the primary key without adding another copies the table"
    op.create_primary_key("pk_carts", "carts", ["id", "tenant_id"])


def downgrade():
    op.drop_constraint("pk_carts", "carts", type_="primary")
    op.create_primary_key("pk_carts", "carts", ["id"])
    op.execute("ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id)")
    op.create_primary_key("pk_audit", "audit", ["id"])
    op.alter_column("orders", "total", existing_type=sa.Integer(), nullable=True)
    op.drop_constraint("fk_orders_user", "orders", type_="foreignkey")

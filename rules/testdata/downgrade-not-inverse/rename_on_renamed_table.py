"""renames on a renamed table, undone in reverse

Revision ID: a1b2c3000342
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000342"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table("block", "block_document")
    with op.batch_alter_table("block_document") as batch_op:
        batch_op.alter_column("block_spec_id", new_column_name="block_schema_id")
        batch_op.drop_constraint("fk_block_spec")
        batch_op.add_column(sa.Column("kept", sa.Integer(), nullable=True))  # want ML503 "column \"block_document\".\"kept\" is created by upgrade but downgrade does not remove it"


def downgrade():
    op.rename_table("block_document", "block")
    with op.batch_alter_table("block") as batch_op:
        batch_op.alter_column("block_schema_id", new_column_name="block_spec_id")
        batch_op.create_foreign_key("fk_block_spec", "block_spec", ["block_spec_id"], ["id"])

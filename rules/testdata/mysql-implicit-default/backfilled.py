# fixture: dialect=mysql
"""provider_name, filled for every row in the same revision

Revision ID: a1b2c3000333
Revises: 0f1e2d3c4b5a
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a1b2c3000333"
down_revision = "0f1e2d3c4b5a"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("contact", sa.Column("provider_name", sa.String(64), nullable=False))  # want ML409 "the revision fills the existing rows, but in strict mode every insert that omits the column fails"
    op.execute("UPDATE contact SET provider_name = 'inbox'")
    op.add_column("folderstatus", sa.Column("folder_id", sa.Integer(), nullable=False))  # want ML409 "the revision fills the existing rows"
    session = Session(bind=op.get_bind())
    for status in session.query(FolderStatus):
        status.folder_id = folder_ids[status.name]
    session.commit()
    op.add_column("label", sa.Column("rank", sa.Integer(), nullable=False))  # want ML409 "MySQL fills every existing row"
    for status in session.query(FolderStatus):
        status.ranking = 1  # another column: rank is not filled


def downgrade():
    op.drop_column("label", "rank")
    op.drop_column("folderstatus", "folder_id")
    op.drop_column("contact", "provider_name")

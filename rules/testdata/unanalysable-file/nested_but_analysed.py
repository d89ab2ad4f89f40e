"""not deep"""
revision = "d2"
down_revision = None


def upgrade():
    x = ----------------------------------------------------------------------------------------------------1


def downgrade():
    pass

"""a table of every type the row generator knows

Revision ID: a1
Revises:
Create Date: 2026-11-02 09:00:00.000000

"""
from alembic import op

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None

POSTGRES = """
CREATE TYPE mood AS ENUM ('calm', 'busy', 'away');
CREATE DOMAIN short_code AS varchar(4);
CREATE TABLE parents (id uuid PRIMARY KEY, label text NOT NULL);
CREATE TABLE everything (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id uuid NOT NULL REFERENCES parents (id),
    external_id uuid NOT NULL UNIQUE,
    mood mood NOT NULL,
    moods mood[],
    tags text[] NOT NULL,
    scores integer[],
    doc jsonb NOT NULL,
    raw json,
    created timestamp NOT NULL,
    seen timestamptz NOT NULL,
    day date NOT NULL,
    at time,
    at_tz timetz,
    took interval,
    price numeric(5, 2) NOT NULL,
    ratio double precision,
    small smallint NOT NULL,
    big bigint NOT NULL,
    flag boolean NOT NULL,
    blob bytea,
    addr inet,
    net cidr,
    mac macaddr,
    bits bit(3),
    code char(3) NOT NULL,
    short short_code NOT NULL,
    body text NOT NULL,
    total integer GENERATED ALWAYS AS (small * 2) STORED
)
"""

MYSQL = """
CREATE TABLE parents (id char(36) PRIMARY KEY, label text NOT NULL);
CREATE TABLE everything (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    parent_id char(36) NOT NULL,
    external_id char(36) NOT NULL UNIQUE,
    mood enum('calm', 'busy', 'away') NOT NULL,
    moods set('calm', 'busy', 'away'),
    doc json NOT NULL,
    created datetime NOT NULL,
    seen timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    day date NOT NULL,
    at time,
    yr year,
    price decimal(5, 2) NOT NULL,
    ratio double,
    tiny tinyint NOT NULL,
    small smallint unsigned NOT NULL,
    medium mediumint NOT NULL,
    big bigint NOT NULL,
    flag tinyint(1) NOT NULL,
    blob_ blob,
    bin varbinary(8),
    bits bit(3),
    code char(3) NOT NULL,
    body text NOT NULL,
    total int GENERATED ALWAYS AS (small * 2) STORED,
    FOREIGN KEY (parent_id) REFERENCES parents (id)
)
"""


def upgrade():
    ddl = POSTGRES if op.get_bind().dialect.name == "postgresql" else MYSQL
    for statement in ddl.split(";"):
        op.execute(statement)


def downgrade():
    op.execute("DROP TABLE everything")
    op.execute("DROP TABLE parents")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP DOMAIN short_code")
        op.execute("DROP TYPE mood")

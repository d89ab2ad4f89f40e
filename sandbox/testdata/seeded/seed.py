"""Rows only the project knows how to make: codes look like S-0001."""
import sqlalchemy as sa


def seed(connection):
    for _ in range(3):
        connection.execute(sa.text("INSERT INTO codes (code) VALUES ('S-0002')"))

-- Rows only the project knows how to make: codes look like S-0001.
INSERT INTO codes (code) VALUES ('S-0001');
INSERT INTO codes (code) VALUES ('S-0001');

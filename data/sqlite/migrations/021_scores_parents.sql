-- Nothing changes in a SQLite base: version 021 replaced, on a PostgreSQL
-- server, the scores' three foreign keys by checks of each statement's rows
-- (issue 23: the server checked them row by row, a query each). SQLite
-- checks a key without a round trip, and keeps them.
SELECT 1;

-- Nothing changes in a SQLite base: version 023 gave a PostgreSQL server a
-- function that reserves many IDs at once (issue 23). SQLite's IDs are the
-- highest plus one, read by a transaction that holds the file's write lock.
SELECT 1;

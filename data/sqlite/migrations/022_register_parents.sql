-- Nothing changes in a SQLite base: version 022 replaced, on a PostgreSQL
-- server, the foreign keys of the dossiers and of their lists by checks of
-- each statement's rows (issue 23), as 021 did for the scores. SQLite keeps
-- its keys.
SELECT 1;

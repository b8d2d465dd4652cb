-- Nothing changes in a SQLite base: version 024 made PostgreSQL's checks of
-- a statement's parents (021, 022) read its rows once per parent (issue 23).
-- SQLite keeps its foreign keys.
SELECT 1;

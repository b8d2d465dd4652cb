-- Campaign settings carry a version too: a window saving stale settings is
-- refused instead of silently putting back what another one changed.
ALTER TABLE campaigns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

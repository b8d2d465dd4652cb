-- Two windows on one base: each application carries a version, so an edit made
-- on a stale copy is refused instead of overwriting the other; and each running
-- window says it is there, so a second one can warn its user.
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE instances (
	id           INTEGER PRIMARY KEY,
	user_name    TEXT NOT NULL,
	host         TEXT NOT NULL,
	pid          INTEGER NOT NULL,
	started_at   TEXT NOT NULL,
	heartbeat_at TEXT NOT NULL
);

-- Budget split: named scenarios with their parameters, hand-locked lines and the
-- lines computed when saved; one adopted scenario per campaign; every save and
-- adoption is recorded.
CREATE TABLE scenarios (
	id              INTEGER PRIMARY KEY,
	campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	name            TEXT NOT NULL CHECK (name <> ''),
	name_key        TEXT NOT NULL,
	method          TEXT NOT NULL CHECK (method IN ('rank', 'proportional', 'uniform')),
	step_cents      INTEGER NOT NULL CHECK (step_cents > 0),
	min_cents       INTEGER NOT NULL CHECK (min_cents >= 0),
	cap_percent     INTEGER NOT NULL CHECK (cap_percent BETWEEN 1 AND 100),
	partial         INTEGER NOT NULL DEFAULT 1,
	envelope_cents  INTEGER NOT NULL,
	total_cents     INTEGER NOT NULL,
	remainder_cents INTEGER NOT NULL,
	fingerprint     TEXT NOT NULL, -- the inputs (ranking, decisions, amounts) the lines were computed from
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	adopted_at      TEXT NOT NULL DEFAULT '',
	adopted_by      TEXT NOT NULL DEFAULT '',
	UNIQUE (campaign_id, name_key)
);
CREATE UNIQUE INDEX scenarios_one_adopted ON scenarios (campaign_id) WHERE adopted_at <> '';

CREATE TABLE scenario_locks (
	scenario_id    INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
	PRIMARY KEY (scenario_id, application_id)
);

CREATE TABLE scenario_lines (
	scenario_id     INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
	application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	position        INTEGER NOT NULL,
	rank            INTEGER NOT NULL,
	requested_cents INTEGER NOT NULL,
	cap_cents       INTEGER NOT NULL,
	amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
	locked          INTEGER NOT NULL DEFAULT 0,
	reason          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (scenario_id, application_id)
);

CREATE TABLE scenario_events (
	id          INTEGER PRIMARY KEY,
	scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
	at          TEXT NOT NULL,
	user_name   TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL, -- créé, enregistré, adopté, modifié après adoption, adoption retirée
	detail      TEXT NOT NULL DEFAULT ''
);

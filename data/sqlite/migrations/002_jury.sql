-- The jury: members, declared conflicts of interest (déports), score sheets
-- (one row per juror × application × criterion) and decisions.
CREATE TABLE jurors (
	id          INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	name        TEXT NOT NULL CHECK (name <> ''),
	name_key    TEXT NOT NULL,
	college     TEXT NOT NULL CHECK (college IN ('elu', 'services', 'etat', 'partenaire', 'personne_qualifiee')),
	email       TEXT NOT NULL DEFAULT '',
	UNIQUE (campaign_id, name_key)
);

CREATE TABLE conflicts (
	juror_id       INTEGER NOT NULL REFERENCES jurors (id) ON DELETE CASCADE,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	reason         TEXT NOT NULL DEFAULT '',
	declared_at    TEXT NOT NULL,
	user_name      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (juror_id, application_id)
);

CREATE TABLE scores (
	juror_id       INTEGER NOT NULL REFERENCES jurors (id) ON DELETE RESTRICT,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	criterion_id   INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
	score          INTEGER NOT NULL CHECK (score >= 0),
	updated_at     TEXT NOT NULL,
	PRIMARY KEY (juror_id, application_id, criterion_id)
);
CREATE INDEX scores_application ON scores (application_id);

CREATE TABLE decisions (
	application_id INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
	decision       TEXT NOT NULL CHECK (decision IN ('retenu', 'non_retenu', 'ajourne')),
	motivation     TEXT NOT NULL DEFAULT '',
	jury_date      TEXT NOT NULL DEFAULT '',
	decided_at     TEXT NOT NULL,
	user_name      TEXT NOT NULL DEFAULT ''
);

-- The register: campaigns with their reference lists and grid, applicants,
-- applications with their QPV, co-financing, documents and status history.
CREATE TABLE campaigns (
	id                      INTEGER PRIMARY KEY,
	code                    TEXT NOT NULL UNIQUE CHECK (code <> ''),
	title                   TEXT NOT NULL CHECK (title <> ''),
	organiser               TEXT NOT NULL DEFAULT '',
	envelope_cents          INTEGER NOT NULL CHECK (envelope_cents >= 0),
	launch                  TEXT NOT NULL DEFAULT '',
	deadline                TEXT NOT NULL DEFAULT '',
	instruction_from        TEXT NOT NULL DEFAULT '',
	instruction_to          TEXT NOT NULL DEFAULT '',
	jury_from               TEXT NOT NULL DEFAULT '',
	jury_to                 TEXT NOT NULL DEFAULT '',
	deliberation_from       TEXT NOT NULL DEFAULT '',
	deliberation_to         TEXT NOT NULL DEFAULT '',
	objectives              TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	min_score_hundredths    INTEGER NOT NULL DEFAULT 1000 CHECK (min_score_hundredths BETWEEN 0 AND 2000),
	quorum                  INTEGER NOT NULL DEFAULT 1 CHECK (quorum >= 1),
	disagreement_hundredths INTEGER NOT NULL DEFAULT 300 CHECK (disagreement_hundredths >= 0),
	created_at              TEXT NOT NULL
);

CREATE TABLE themes (
	id          INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	label       TEXT NOT NULL CHECK (label <> ''),
	examples    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX themes_campaign ON themes (campaign_id, position);

CREATE TABLE communes (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	insee       TEXT NOT NULL,
	name        TEXT NOT NULL,
	siren       TEXT NOT NULL DEFAULT '',
	population  INTEGER NOT NULL DEFAULT 0,
	has_qpv     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (campaign_id, insee)
);

CREATE TABLE qpvs (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	code        TEXT NOT NULL,
	name        TEXT NOT NULL,
	communes    TEXT NOT NULL DEFAULT '', -- INSEE codes separated by ';'
	population  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (campaign_id, code)
);

CREATE TABLE criteria (
	id          INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	label       TEXT NOT NULL CHECK (label <> ''),
	description TEXT NOT NULL DEFAULT '',
	weight      INTEGER NOT NULL CHECK (weight > 0),
	max         INTEGER NOT NULL CHECK (max > 0)
);
CREATE INDEX criteria_campaign ON criteria (campaign_id, position);

CREATE TABLE structures (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (name <> ''),
	name_key   TEXT NOT NULL DEFAULT '', -- folded name: finds a structure without SIRET again
	legal_form TEXT NOT NULL DEFAULT '',
	siret      TEXT NOT NULL DEFAULT '',
	rna        TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT '',
	commune    TEXT NOT NULL DEFAULT '',
	legal_rep  TEXT NOT NULL DEFAULT '',
	contact    TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX structures_siret ON structures (siret) WHERE siret <> '';
CREATE INDEX structures_name_key ON structures (name_key) WHERE siret = '';

CREATE TABLE applications (
	id              INTEGER PRIMARY KEY,
	campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	number          TEXT NOT NULL CHECK (number <> ''),
	received        TEXT NOT NULL, -- RFC 3339, UTC
	structure_id    INTEGER NOT NULL REFERENCES structures (id),
	title           TEXT NOT NULL CHECK (title <> ''),
	title_key       TEXT NOT NULL DEFAULT '', -- folded title, for sorting without a collation call per comparison
	summary         TEXT NOT NULL DEFAULT '',
	theme_id        INTEGER REFERENCES themes (id),
	target_public   TEXT NOT NULL DEFAULT '',
	beneficiaries   INTEGER NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
	qpv_share_pct   INTEGER NOT NULL DEFAULT 0 CHECK (qpv_share_pct BETWEEN 0 AND 100),
	start_date      TEXT NOT NULL DEFAULT '',
	end_date        TEXT NOT NULL DEFAULT '',
	total_cents     INTEGER NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
	requested_cents INTEGER NOT NULL CHECK (requested_cents >= 0),
	status          TEXT NOT NULL,
	late            INTEGER NOT NULL DEFAULT 0,
	late_override   TEXT NOT NULL DEFAULT '',
	notes           TEXT NOT NULL DEFAULT '',
	opinion         TEXT NOT NULL DEFAULT '' CHECK (opinion IN ('', 'favorable', 'reserve', 'defavorable')),
	opinion_text    TEXT NOT NULL DEFAULT '',
	search_key      TEXT NOT NULL DEFAULT '', -- folded number, structure, title, SIRET
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	UNIQUE (campaign_id, number)
);
CREATE INDEX applications_structure ON applications (structure_id);

CREATE TABLE application_qpvs (
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	qpv_code       TEXT NOT NULL,
	PRIMARY KEY (application_id, qpv_code)
);

CREATE TABLE cofinancings (
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	funder         TEXT NOT NULL,
	amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
	acquired       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (application_id, position)
);

CREATE TABLE application_documents (
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	document       TEXT NOT NULL,
	PRIMARY KEY (application_id, document)
);

CREATE TABLE status_history (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	at             TEXT NOT NULL,
	from_status    TEXT NOT NULL,
	to_status      TEXT NOT NULL,
	reason         TEXT NOT NULL DEFAULT '',
	user_name      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_history_application ON status_history (application_id, id);

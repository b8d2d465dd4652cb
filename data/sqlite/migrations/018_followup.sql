-- The follow-up of the grants after the deliberation (issue 21): the
-- campaign's rule (the compte rendu financier's due date, the advance at a
-- convention's signature), each grant's convention, terms, compte rendu
-- financier (Cerfa n° 15059) and reversal, and its payments. A grant's row is
-- made at its first follow-up write; empty dates are '' and zero amounts 0,
-- as elsewhere. advance_cents NULL: the campaign's percentage.
CREATE TABLE followup_settings (
	campaign_id     INTEGER PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
	crf_due         TEXT NOT NULL DEFAULT '',
	advance_percent INTEGER NOT NULL DEFAULT 0 CHECK (advance_percent BETWEEN 0 AND 100)
);
CREATE TABLE grant_followups (
	application_id    INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
	campaign_id       INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	convention_number TEXT NOT NULL DEFAULT '',
	convention_signed TEXT NOT NULL DEFAULT '',
	crf_due           TEXT NOT NULL DEFAULT '',
	advance_cents     INTEGER CHECK (advance_cents >= 0),
	crf_status        TEXT NOT NULL DEFAULT 'attendu' CHECK (crf_status IN ('attendu', 'recu', 'incomplet', 'accepte', 'refuse')),
	crf_received      TEXT NOT NULL DEFAULT '',
	crf_cost_cents    INTEGER NOT NULL DEFAULT 0 CHECK (crf_cost_cents >= 0),
	crf_used_cents    INTEGER NOT NULL DEFAULT 0 CHECK (crf_used_cents >= 0),
	crf_other_cents   INTEGER NOT NULL DEFAULT 0 CHECK (crf_other_cents >= 0),
	crf_beneficiaries INTEGER NOT NULL DEFAULT 0 CHECK (crf_beneficiaries >= 0),
	crf_assessment    TEXT NOT NULL DEFAULT '',
	crf_missing       TEXT NOT NULL DEFAULT '',
	reversal_cents    INTEGER NOT NULL DEFAULT 0 CHECK (reversal_cents >= 0),
	reversal_reason   TEXT NOT NULL DEFAULT '',
	reversal_decided  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX grant_followups_convention ON grant_followups (campaign_id, convention_number) WHERE convention_number <> '';
CREATE TABLE payments (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES grant_followups (application_id) ON DELETE CASCADE,
	paid_on        TEXT NOT NULL,
	amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
	mandate        TEXT NOT NULL DEFAULT '',
	ej             TEXT NOT NULL DEFAULT '',
	recorded_at    TEXT NOT NULL,
	user_name      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_application ON payments (application_id, paid_on, id);
-- The follow-up's letters have editable templates per campaign, like the
-- others: the convention, the reminder of an overdue compte rendu financier
-- (« relance ») and the demand for a reversal. SQLite changes a CHECK
-- constraint by rebuilding the table; nothing refers to it.
CREATE TABLE letter_templates_v18 (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('attribution', 'refus', 'irrecevabilite', 'rapport', 'deliberation', 'convention', 'relance', 'reversement')),
	body        TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (campaign_id, kind)
);
INSERT INTO letter_templates_v18 (campaign_id, kind, body, updated_at)
	SELECT campaign_id, kind, body, updated_at FROM letter_templates;
DROP TABLE letter_templates;
ALTER TABLE letter_templates_v18 RENAME TO letter_templates;

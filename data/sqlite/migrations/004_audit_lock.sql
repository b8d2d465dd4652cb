-- The audit trail: every change, with its time and operating-system user, in an
-- append-only table whose rows are hash-chained (each hash covers the previous).
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	user_name   TEXT NOT NULL,
	campaign_id INTEGER NOT NULL DEFAULT 0, -- no foreign key: the trail outlives what it describes
	entity      TEXT NOT NULL,
	entity_id   INTEGER NOT NULL DEFAULT 0,
	label       TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	field       TEXT NOT NULL DEFAULT '',
	old_value   TEXT NOT NULL DEFAULT '',
	new_value   TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_campaign ON audit (campaign_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'journal en ajout seul'); END;

-- The council's deliberation, which freezes the campaign once recorded.
ALTER TABLE campaigns ADD COLUMN deliberation_number TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN deliberation_date TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN deliberation_body TEXT NOT NULL DEFAULT 'Conseil communautaire';
ALTER TABLE campaigns ADD COLUMN organiser_siret TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN locked_at TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN locked_by TEXT NOT NULL DEFAULT '';

-- A third kind of letter: to a dossier declared irrecevable (hors délai,
-- pièces manquantes). SQLite changes a CHECK constraint by rebuilding the
-- table; nothing refers to it.
CREATE TABLE letter_templates_v11 (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('attribution', 'refus', 'irrecevabilite')),
	body        TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (campaign_id, kind)
);
INSERT INTO letter_templates_v11 (campaign_id, kind, body, updated_at)
	SELECT campaign_id, kind, body, updated_at FROM letter_templates;
DROP TABLE letter_templates;
ALTER TABLE letter_templates_v11 RENAME TO letter_templates;

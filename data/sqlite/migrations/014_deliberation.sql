-- The council's documents (issue 24): the budget line the grants are charged
-- to (nature, function; empty until set, the projet de délibération then
-- cites nature 6574), and two more editable templates per campaign, the
-- rapport de présentation and the projet de délibération. SQLite changes a
-- CHECK constraint by rebuilding the table; nothing refers to it.
ALTER TABLE campaigns ADD COLUMN budget_nature TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN budget_function TEXT NOT NULL DEFAULT '';
CREATE TABLE letter_templates_v14 (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('attribution', 'refus', 'irrecevabilite', 'rapport', 'deliberation')),
	body        TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (campaign_id, kind)
);
INSERT INTO letter_templates_v14 (campaign_id, kind, body, updated_at)
	SELECT campaign_id, kind, body, updated_at FROM letter_templates;
DROP TABLE letter_templates;
ALTER TABLE letter_templates_v14 RENAME TO letter_templates;

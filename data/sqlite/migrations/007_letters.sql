-- The notification letters' templates, editable per campaign.
CREATE TABLE letter_templates (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('attribution', 'refus')),
	body        TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (campaign_id, kind)
);

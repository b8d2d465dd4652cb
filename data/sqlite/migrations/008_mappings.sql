-- Named column mappings of the import wizard, for files laid out unlike the template.
CREATE TABLE import_mappings (
	name_key   TEXT PRIMARY KEY,
	name       TEXT NOT NULL CHECK (name <> ''),
	body       TEXT NOT NULL, -- JSON object: file header → field key
	updated_at TEXT NOT NULL
);

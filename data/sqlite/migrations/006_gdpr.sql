-- Personal data: each campaign keeps its contacts' personal data for a limited
-- time after its deliberation, then they are purged.
ALTER TABLE campaigns ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 36 CHECK (retention_months > 0);
ALTER TABLE campaigns ADD COLUMN purged_at TEXT NOT NULL DEFAULT '';

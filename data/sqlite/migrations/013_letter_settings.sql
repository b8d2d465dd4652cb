-- The letters' settings of a campaign: the place they and the annex are
-- signed at, who follows the case (name, phone or e-mail), the service's
-- reference. Empty until set: the documents then sign « Liévin ».
ALTER TABLE campaigns ADD COLUMN letter_place TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN case_officer TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN case_officer_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN letter_reference TEXT NOT NULL DEFAULT '';

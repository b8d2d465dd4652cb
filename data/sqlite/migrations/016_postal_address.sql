-- The head office's postal address as the Cerfa n° 12156 asks it: beside the
-- street lines (address), the postal code and the town, which may lie outside
-- the campaign's communes. Empty until given: a letter refuses a dossier
-- without them (NF Z10-011's last line, « 62300 LENS »).
ALTER TABLE structures ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE structures ADD COLUMN town TEXT NOT NULL DEFAULT '';

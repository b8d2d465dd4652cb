-- The applicant's reference: the number their file gave a dossier that an
-- import numbered in the register's sequence instead, because that number
-- was another applicant's dossier already (issue 19). Empty otherwise.
ALTER TABLE applications ADD COLUMN reference TEXT NOT NULL DEFAULT '';

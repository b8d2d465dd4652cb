-- Data you can trust.
-- The journal vouches for the data: each entry carries the digest of its
-- entity's rows after the change (covered by its hash when not empty).
ALTER TABLE audit ADD COLUMN state TEXT NOT NULL DEFAULT '';
-- Communes sort by their folded name, the same on every engine.
ALTER TABLE communes ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
-- The grants' payment dates, for the open-data (SCDL) export.
ALTER TABLE campaigns ADD COLUMN payment_dates TEXT NOT NULL DEFAULT '';
-- The dossier's state on the platform it came from (démarches-simplifiées).
ALTER TABLE applications ADD COLUMN external_state TEXT NOT NULL DEFAULT '';

-- Each dossier keeps the applicant's identity as declared for it: a structure
-- row shared by several dossiers is split, one copy per dossier.
ALTER TABLE structures ADD COLUMN split_for INTEGER;
INSERT INTO structures (name, name_key, legal_form, siret, rna, address, commune, legal_rep, contact, email, phone, split_for)
	SELECT s.name, s.name_key, s.legal_form, s.siret, s.rna, s.address, s.commune, s.legal_rep, s.contact, s.email, s.phone, a.id
	FROM applications a JOIN structures s ON s.id = a.structure_id
	WHERE a.id <> (SELECT min(b.id) FROM applications b WHERE b.structure_id = a.structure_id);
UPDATE applications SET structure_id = (SELECT s.id FROM structures s WHERE s.split_for = applications.id)
	WHERE id IN (SELECT split_for FROM structures WHERE split_for IS NOT NULL);
ALTER TABLE structures DROP COLUMN split_for;
DROP INDEX applications_structure;
CREATE UNIQUE INDEX applications_structure ON applications (structure_id);
DROP INDEX structures_name_key;

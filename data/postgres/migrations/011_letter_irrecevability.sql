-- A third kind of letter: to a dossier declared irrecevable (hors délai,
-- pièces manquantes).
ALTER TABLE letter_templates DROP CONSTRAINT letter_templates_kind_check;
ALTER TABLE letter_templates ADD CONSTRAINT letter_templates_kind_check
	CHECK (kind IN ('attribution', 'refus', 'irrecevabilite'));

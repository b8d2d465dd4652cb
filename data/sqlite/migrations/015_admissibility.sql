-- Admissibility: the pièces a campaign requires before a dossier is declared
-- recevable (codes separated by commas; empty: the whole checklist of the
-- Cerfa 12156), and the written reason of a recevabilité granted with
-- required pièces missing (empty: none was needed), and the journal's note of
-- a jury's decision recorded with --force on a dossier not declared recevable.
ALTER TABLE campaigns ADD COLUMN required_documents TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN exemption TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN decision_override TEXT NOT NULL DEFAULT '';

-- A score's juror, dossier and criterion are checked once per statement, on
-- the set of rows it wrote, instead of by three foreign keys, row by row
-- (issue 23). A grid of 100 000 scores went in by COPY in ≈ 2,1 s with the
-- keys, ≈ 0,55 s with these checks: each key ran a query and queued an
-- event per row, 300 000 in all, for the ten jurors and five criteria that
-- every row names again.
--
-- The guarantee is the keys' own: a score whose juror, dossier or criterion
-- is absent is refused (foreign_key_violation, as the keys did); the parents
-- named are locked FOR KEY SHARE, as the keys lock them, so a desk that
-- deletes one meanwhile waits for the scores' transaction, then finds them;
-- deleting a dossier or a criterion deletes its scores (ON DELETE CASCADE
-- before), deleting a juror who has scores is refused (ON DELETE RESTRICT),
-- and so is changing a referenced ID. Each check reads afresh after its
-- locks (a PL/pgSQL statement takes a new snapshot in READ COMMITTED).
-- Written to be run again (the tests take a base back to an older version
-- number and bring it up to date): IF EXISTS, OR REPLACE.
ALTER TABLE scores DROP CONSTRAINT IF EXISTS scores_juror_id_fkey,
	DROP CONSTRAINT IF EXISTS scores_application_id_fkey,
	DROP CONSTRAINT IF EXISTS scores_criterion_id_fkey;

-- The scores a statement wrote (inserted, or updated: an upsert, or an UPDATE).
CREATE OR REPLACE FUNCTION scores_parents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM 1 FROM jurors WHERE id IN (SELECT juror_id FROM written_scores) FOR KEY SHARE;
	PERFORM 1 FROM applications WHERE id IN (SELECT application_id FROM written_scores) FOR KEY SHARE;
	PERFORM 1 FROM criteria WHERE id IN (SELECT criterion_id FROM written_scores) FOR KEY SHARE;
	IF EXISTS (SELECT 1 FROM written_scores n WHERE NOT EXISTS (SELECT 1 FROM jurors p WHERE p.id = n.juror_id)) THEN
		RAISE foreign_key_violation USING MESSAGE = 'note d''un juré absent de la table jurors';
	END IF;
	IF EXISTS (SELECT 1 FROM written_scores n WHERE NOT EXISTS (SELECT 1 FROM applications p WHERE p.id = n.application_id)) THEN
		RAISE foreign_key_violation USING MESSAGE = 'note d''un dossier absent de la table applications';
	END IF;
	IF EXISTS (SELECT 1 FROM written_scores n WHERE NOT EXISTS (SELECT 1 FROM criteria p WHERE p.id = n.criterion_id)) THEN
		RAISE foreign_key_violation USING MESSAGE = 'note d''un critère absent de la table criteria';
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS scores_parents_insert ON scores;
CREATE TRIGGER scores_parents_insert AFTER INSERT ON scores
	REFERENCING NEW TABLE AS written_scores FOR EACH STATEMENT EXECUTE FUNCTION scores_parents();
DROP TRIGGER IF EXISTS scores_parents_update ON scores;
CREATE TRIGGER scores_parents_update AFTER UPDATE ON scores
	REFERENCING NEW TABLE AS written_scores FOR EACH STATEMENT EXECUTE FUNCTION scores_parents();

-- A parent deleted (TG_ARGV[0]: the scores' column that names it): its
-- scores go with it (cascade), or, for a juror, the deletion is refused.
CREATE OR REPLACE FUNCTION scores_parent_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_ARGV[0] = 'juror_id' THEN
		IF EXISTS (SELECT 1 FROM scores s JOIN gone_parents g ON s.juror_id = g.id) THEN
			RAISE foreign_key_violation USING MESSAGE = 'un juré qui a noté ne peut pas être supprimé (table scores)';
		END IF;
	ELSE
		EXECUTE format('DELETE FROM scores WHERE %I IN (SELECT id FROM gone_parents)', TG_ARGV[0]);
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS scores_juror_deleted ON jurors;
CREATE TRIGGER scores_juror_deleted AFTER DELETE ON jurors
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION scores_parent_deleted('juror_id');
DROP TRIGGER IF EXISTS scores_application_deleted ON applications;
CREATE TRIGGER scores_application_deleted AFTER DELETE ON applications
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION scores_parent_deleted('application_id');
DROP TRIGGER IF EXISTS scores_criterion_deleted ON criteria;
CREATE TRIGGER scores_criterion_deleted AFTER DELETE ON criteria
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION scores_parent_deleted('criterion_id');

-- A parent's ID changed while scores name it: refused, as the keys (NO
-- ACTION) refused it. Row by row, but only for a row whose ID changes (the
-- WHEN runs without calling the function): Cohésion never changes an ID.
CREATE OR REPLACE FUNCTION scores_parent_renumbered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	used boolean;
BEGIN
	EXECUTE format('SELECT EXISTS (SELECT 1 FROM scores WHERE %I = $1)', TG_ARGV[0]) INTO used USING OLD.id;
	IF used THEN
		RAISE foreign_key_violation USING MESSAGE = 'identifiant encore noté dans la table scores';
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS scores_juror_renumbered ON jurors;
CREATE TRIGGER scores_juror_renumbered AFTER UPDATE ON jurors
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION scores_parent_renumbered('juror_id');
DROP TRIGGER IF EXISTS scores_application_renumbered ON applications;
CREATE TRIGGER scores_application_renumbered AFTER UPDATE ON applications
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION scores_parent_renumbered('application_id');
DROP TRIGGER IF EXISTS scores_criterion_renumbered ON criteria;
CREATE TRIGGER scores_criterion_renumbered AFTER UPDATE ON criteria
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION scores_parent_renumbered('criterion_id');

-- The checks of 021 and 022, made cheaper (issue 23): each parent table's
-- IDs that a statement's rows name are gathered once (DISTINCT), then locked
-- FOR KEY SHARE by ID; a parent missing is one row fewer locked than named.
-- Before, each parent was read twice per row written, once to lock it and
-- once to check it exists: ≈ 40 % of the server's time for a grid of
-- 100 000 scores. Same refusals, same locks; the cascades, the refusals of a
-- deletion and of a changed ID stay as 021 and 022 made them.
--
-- cohesion_lock_parents(table, ids, what) locks the rows of table whose IDs
-- are ids (NULLs left out) and refuses (foreign_key_violation, message
-- what) when one of them is absent. Planned at each call (EXECUTE), as 022
-- explains. Written to be run again, as 021.
CREATE OR REPLACE FUNCTION cohesion_lock_parents(parent text, ids bigint[], what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	locked bigint;
BEGIN
	IF ids IS NULL THEN
		RETURN; -- no parent named
	END IF;
	EXECUTE format('SELECT 1 FROM %I WHERE id = ANY ($1) FOR KEY SHARE', parent) USING ids;
	GET DIAGNOSTICS locked = ROW_COUNT;
	IF locked < cardinality(ids) THEN
		RAISE foreign_key_violation USING MESSAGE = what;
	END IF;
END $$;

CREATE OR REPLACE FUNCTION scores_parents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM cohesion_lock_parents('jurors', (SELECT array_agg(DISTINCT juror_id) FROM written_scores),
		'note d''un juré absent de la table jurors');
	PERFORM cohesion_lock_parents('applications', (SELECT array_agg(DISTINCT application_id) FROM written_scores),
		'note d''un dossier absent de la table applications');
	PERFORM cohesion_lock_parents('criteria', (SELECT array_agg(DISTINCT criterion_id) FROM written_scores),
		'note d''un critère absent de la table criteria');
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION applications_parents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM cohesion_lock_parents('campaigns', (SELECT array_agg(DISTINCT campaign_id) FROM written_rows),
		'dossier d''une campagne absente de la table campaigns');
	PERFORM cohesion_lock_parents('structures', (SELECT array_agg(DISTINCT structure_id) FROM written_rows),
		'dossier d''une structure absente de la table structures');
	PERFORM cohesion_lock_parents('themes', (SELECT array_agg(DISTINCT theme_id) FROM written_rows WHERE theme_id IS NOT NULL),
		'dossier d''une thématique absente de la table themes');
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION application_lists_parent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM cohesion_lock_parents('applications', (SELECT array_agg(DISTINCT application_id) FROM written_rows),
		format('%s : dossier absent de la table applications', TG_TABLE_NAME));
	RETURN NULL;
END $$;

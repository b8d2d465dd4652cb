-- A dossier's campaign, structure and theme, and the dossier of its QPV,
-- co-financings, pieces and statuses, are checked once per statement, on the
-- set of rows it wrote, instead of by foreign keys, row by row (issue 23), as
-- 021 did for the scores: an import of 100 000 dossiers ran some 500 000
-- such checks, a query and a queued event each, ≈ 2,5 s of the server's
-- time, against SQLite's 7,5 s for the whole import.
--
-- The guarantee is the keys' own, as in 021: a row whose parent is absent is
-- refused (foreign_key_violation); the parents named are locked FOR KEY
-- SHARE, as the keys lock them; deleting a campaign deletes its dossiers,
-- deleting a dossier deletes its QPV, co-financings, pieces and statuses (ON
-- DELETE CASCADE before); deleting a structure or a theme a dossier still
-- names is refused (NO ACTION before; a theme deleted with its campaign, whose
-- dossiers go too, is not); changing a referenced ID is refused. Written to
-- be run again, as 021.
ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_campaign_id_fkey,
	DROP CONSTRAINT IF EXISTS applications_structure_id_fkey,
	DROP CONSTRAINT IF EXISTS applications_theme_id_fkey;
ALTER TABLE application_qpvs DROP CONSTRAINT IF EXISTS application_qpvs_application_id_fkey;
ALTER TABLE cofinancings DROP CONSTRAINT IF EXISTS cofinancings_application_id_fkey;
ALTER TABLE application_documents DROP CONSTRAINT IF EXISTS application_documents_application_id_fkey;
ALTER TABLE status_history DROP CONSTRAINT IF EXISTS status_history_application_id_fkey;

-- The dossiers a statement wrote: their campaign, structure and theme. The
-- queries are planned at each call (EXECUTE): a plan kept from an import's
-- first statements, when the structures were few, read the whole table at
-- each of the next ones, and the import became quadratic.
CREATE OR REPLACE FUNCTION applications_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	missing boolean;
BEGIN
	EXECUTE 'SELECT 1 FROM campaigns WHERE id IN (SELECT campaign_id FROM written_rows) FOR KEY SHARE';
	EXECUTE 'SELECT 1 FROM structures WHERE id IN (SELECT structure_id FROM written_rows) FOR KEY SHARE';
	EXECUTE 'SELECT 1 FROM themes WHERE id IN (SELECT theme_id FROM written_rows) FOR KEY SHARE';
	EXECUTE 'SELECT EXISTS (SELECT 1 FROM written_rows n WHERE NOT EXISTS (SELECT 1 FROM campaigns p WHERE p.id = n.campaign_id))' INTO missing;
	IF missing THEN
		RAISE foreign_key_violation USING MESSAGE = 'dossier d''une campagne absente de la table campaigns';
	END IF;
	EXECUTE 'SELECT EXISTS (SELECT 1 FROM written_rows n WHERE NOT EXISTS (SELECT 1 FROM structures p WHERE p.id = n.structure_id))' INTO missing;
	IF missing THEN
		RAISE foreign_key_violation USING MESSAGE = 'dossier d''une structure absente de la table structures';
	END IF;
	EXECUTE 'SELECT EXISTS (SELECT 1 FROM written_rows n WHERE n.theme_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM themes p WHERE p.id = n.theme_id))' INTO missing;
	IF missing THEN
		RAISE foreign_key_violation USING MESSAGE = 'dossier d''une thématique absente de la table themes';
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS applications_parents_insert ON applications;
CREATE TRIGGER applications_parents_insert AFTER INSERT ON applications
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION applications_parents();
DROP TRIGGER IF EXISTS applications_parents_update ON applications;
CREATE TRIGGER applications_parents_update AFTER UPDATE ON applications
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION applications_parents();

-- The rows of a dossier's lists a statement wrote: their dossier (planned
-- at each call, as above).
CREATE OR REPLACE FUNCTION application_lists_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	missing boolean;
BEGIN
	EXECUTE 'SELECT 1 FROM applications WHERE id IN (SELECT application_id FROM written_rows) FOR KEY SHARE';
	EXECUTE 'SELECT EXISTS (SELECT 1 FROM written_rows n WHERE NOT EXISTS (SELECT 1 FROM applications p WHERE p.id = n.application_id))' INTO missing;
	IF missing THEN
		RAISE foreign_key_violation USING MESSAGE = format('%s : dossier absent de la table applications', TG_TABLE_NAME);
	END IF;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS application_qpvs_parent_insert ON application_qpvs;
CREATE TRIGGER application_qpvs_parent_insert AFTER INSERT ON application_qpvs
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS application_qpvs_parent_update ON application_qpvs;
CREATE TRIGGER application_qpvs_parent_update AFTER UPDATE ON application_qpvs
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS cofinancings_parent_insert ON cofinancings;
CREATE TRIGGER cofinancings_parent_insert AFTER INSERT ON cofinancings
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS cofinancings_parent_update ON cofinancings;
CREATE TRIGGER cofinancings_parent_update AFTER UPDATE ON cofinancings
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS application_documents_parent_insert ON application_documents;
CREATE TRIGGER application_documents_parent_insert AFTER INSERT ON application_documents
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS application_documents_parent_update ON application_documents;
CREATE TRIGGER application_documents_parent_update AFTER UPDATE ON application_documents
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS status_history_parent_insert ON status_history;
CREATE TRIGGER status_history_parent_insert AFTER INSERT ON status_history
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();
DROP TRIGGER IF EXISTS status_history_parent_update ON status_history;
CREATE TRIGGER status_history_parent_update AFTER UPDATE ON status_history
	REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION application_lists_parent();

-- Parents deleted: a campaign's dossiers and a dossier's lists go with them;
-- a structure or a theme still named refuses the deletion.
CREATE OR REPLACE FUNCTION register_parent_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	CASE TG_TABLE_NAME
	WHEN 'campaigns' THEN
		DELETE FROM applications WHERE campaign_id IN (SELECT id FROM gone_parents);
	WHEN 'applications' THEN
		DELETE FROM application_qpvs WHERE application_id IN (SELECT id FROM gone_parents);
		DELETE FROM cofinancings WHERE application_id IN (SELECT id FROM gone_parents);
		DELETE FROM application_documents WHERE application_id IN (SELECT id FROM gone_parents);
		DELETE FROM status_history WHERE application_id IN (SELECT id FROM gone_parents);
	WHEN 'structures' THEN
		IF EXISTS (SELECT 1 FROM applications a JOIN gone_parents g ON a.structure_id = g.id) THEN
			RAISE foreign_key_violation USING MESSAGE = 'structure encore nommée par un dossier (table applications)';
		END IF;
	WHEN 'themes' THEN
		-- A dossier whose campaign is deleted too goes with it.
		IF EXISTS (SELECT 1 FROM applications a JOIN gone_parents g ON a.theme_id = g.id
				WHERE EXISTS (SELECT 1 FROM campaigns c WHERE c.id = a.campaign_id)) THEN
			RAISE foreign_key_violation USING MESSAGE = 'thématique encore nommée par un dossier (table applications)';
		END IF;
	END CASE;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS register_campaign_deleted ON campaigns;
CREATE TRIGGER register_campaign_deleted AFTER DELETE ON campaigns
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION register_parent_deleted();
DROP TRIGGER IF EXISTS register_application_deleted ON applications;
CREATE TRIGGER register_application_deleted AFTER DELETE ON applications
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION register_parent_deleted();
DROP TRIGGER IF EXISTS register_structure_deleted ON structures;
CREATE TRIGGER register_structure_deleted AFTER DELETE ON structures
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION register_parent_deleted();
DROP TRIGGER IF EXISTS register_theme_deleted ON themes;
CREATE TRIGGER register_theme_deleted AFTER DELETE ON themes
	REFERENCING OLD TABLE AS gone_parents FOR EACH STATEMENT EXECUTE FUNCTION register_parent_deleted();

-- A parent's ID changed while rows name it: refused, as the keys (NO ACTION)
-- refused it; only for a row whose ID changes (TG_ARGV: the child tables and
-- their columns, in pairs).
CREATE OR REPLACE FUNCTION register_parent_renumbered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	used boolean;
	i int := 0;
BEGIN
	WHILE i < TG_NARGS LOOP
		EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[i], TG_ARGV[i + 1]) INTO used USING OLD.id;
		IF used THEN
			RAISE foreign_key_violation USING MESSAGE = format('identifiant encore nommé dans la table %s', TG_ARGV[i]);
		END IF;
		i := i + 2;
	END LOOP;
	RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS register_campaign_renumbered ON campaigns;
CREATE TRIGGER register_campaign_renumbered AFTER UPDATE ON campaigns
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_parent_renumbered('applications', 'campaign_id');
DROP TRIGGER IF EXISTS register_structure_renumbered ON structures;
CREATE TRIGGER register_structure_renumbered AFTER UPDATE ON structures
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_parent_renumbered('applications', 'structure_id');
DROP TRIGGER IF EXISTS register_theme_renumbered ON themes;
CREATE TRIGGER register_theme_renumbered AFTER UPDATE ON themes
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_parent_renumbered('applications', 'theme_id');
DROP TRIGGER IF EXISTS register_application_renumbered ON applications;
CREATE TRIGGER register_application_renumbered AFTER UPDATE ON applications
	FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_parent_renumbered('application_qpvs', 'application_id',
		'cofinancings', 'application_id', 'application_documents', 'application_id', 'status_history', 'application_id');

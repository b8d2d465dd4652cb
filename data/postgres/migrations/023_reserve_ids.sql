-- An import's IDs in one call (issue 23): a long import writes its rows
-- before it takes the writers' lock, so its dossiers' and structures' IDs
-- come from their sequences, which no transaction gets twice. One nextval per
-- row cost the server ≈ 0,6 s for 100 000 dossiers; this takes n values at
-- once: nextval, then setval past them, under a lock of its own (a session
-- lock, let go before it returns, even on an error) so that no other
-- reservation comes between the two. Written to be run again, as 021.
CREATE OR REPLACE FUNCTION cohesion_reserve_ids(seq regclass, n bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	first bigint;
BEGIN
	PERFORM pg_advisory_lock(1668245353); -- 0x636f6769, « cogi »: Cohésion's IDs
	BEGIN
		first := nextval(seq);
		IF n > 1 THEN
			PERFORM setval(seq, first + n - 1);
		END IF;
	EXCEPTION WHEN OTHERS THEN
		PERFORM pg_advisory_unlock(1668245353);
		RAISE;
	END;
	PERFORM pg_advisory_unlock(1668245353);
	RETURN first;
END $$;

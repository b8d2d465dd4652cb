-- Each running window records which base it runs on: a copy of a base keeps
-- the rows of the windows open on the original, which must not make the copy
-- claim « Base déjà ouverte ». Rows written before this column count for any base.
ALTER TABLE instances ADD COLUMN IF NOT EXISTS base TEXT COLLATE "C" NOT NULL DEFAULT '';

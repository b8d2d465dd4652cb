-- Next year's call made from this one (issue 22): the campaign a campaign was
-- made from, its settings copied and its calendar moved by whole years; NULL
-- when it was made from the defaults. No foreign key: a copy or a restore
-- writes the campaigns in the order it reads them, the source not always
-- first, and a campaign is never deleted.
ALTER TABLE campaigns ADD COLUMN source_campaign_id INTEGER;

-- The council's documents (issue 24): the budget line the grants are charged
-- to (nature, function; empty until set, the projet de délibération then
-- cites nature 6574), and two more editable templates per campaign, the
-- rapport de présentation and the projet de délibération.
ALTER TABLE campaigns
	ADD COLUMN budget_nature   TEXT COLLATE "C" NOT NULL DEFAULT '',
	ADD COLUMN budget_function TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE letter_templates DROP CONSTRAINT letter_templates_kind_check;
ALTER TABLE letter_templates ADD CONSTRAINT letter_templates_kind_check
	CHECK (kind IN ('attribution', 'refus', 'irrecevabilite', 'rapport', 'deliberation'));

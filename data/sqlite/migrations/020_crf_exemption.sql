-- The bar of loi 2000-321 art. 10 (issue 22): a structure whose compte rendu
-- financier is overdue or refused in another campaign is not retained with an
-- amount, unless the agent records an exemption with its reason; the reason
-- is kept with the jury's decision (empty: none was needed).
ALTER TABLE decisions ADD COLUMN crf_exemption TEXT NOT NULL DEFAULT '';

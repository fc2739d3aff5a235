-- 058_happening_aggregates: what merge.Summarize reads of a happening's
-- reports, as a merge.Aggregate (JSON), so that a report from one more
-- source updates the happening without reading its others: a story
-- every feed tells gains a report per feed, and reading them all each
-- time made a load's cost grow with the store. A happening without a row
-- (told once, or not changed since this migration) is worked out from
-- its reports the next time it changes, which writes the row; a removal
-- or reload of one of its sources does the same.
CREATE TABLE happening_aggregates (
	happening_id INTEGER PRIMARY KEY,
	state        TEXT NOT NULL
);

-- A list shows the first five values of a disagreement and how many
-- more there are ("and 715 more"). n and head keep those, so that a
-- list no longer parses every value to count them and cut the first
-- five: a date that a recurring story's relative wording moves a day
-- each round has hundreds of values (12 KB of JSON at 100,000
-- articles), and /who steve jobs read six of them per page.
--
-- n is the number of values in vals, head the JSON array of the first
-- five (vals itself when there are no more). The loader writes both
-- with vals (insertDisagreements); a change to the five (listValues)
-- needs a migration that writes head again.
ALTER TABLE disagreements ADD COLUMN n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE disagreements ADD COLUMN head TEXT NOT NULL DEFAULT '';
UPDATE disagreements SET n = json_array_length(vals),
	head = IIF(json_array_length(vals) > 5,
		(SELECT json_group_array(json(j.value)) FROM (SELECT value FROM json_each(disagreements.vals) ORDER BY key LIMIT 5) j), vals);
-- A list reads its happenings' disagreements from the index alone, not
-- from rows whose vals spill over several pages; the index serves
-- what disagreements_happening did (removals by happening).
CREATE INDEX disagreements_head ON disagreements (happening_id, id, about, n, head);
DROP INDEX disagreements_happening;

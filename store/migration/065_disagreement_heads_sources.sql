-- A list shows at most five sources of each value (listReports), but
-- head (migration 064) kept every source id of its five values: a date
-- a thousand feeds agree on carries a thousand ids, up to 13 KB of JSON
-- at 100,000 articles, parsed on every timeline page that shows it
-- (a third of /timeline general motors' CPU). head now keeps the first
-- five ids of each value and, where it cut them, how many there were
-- (count), as a view's stored values already do. vals keeps them all.
UPDATE disagreements SET head = (
	SELECT json_group_array(IIF(json_array_length(j.value, '$.sources') > 5,
		json_object('value', j.value ->> '$.value', 'text', j.value ->> '$.text',
			'sources', json((SELECT json_group_array(s.value) FROM (SELECT value FROM json_each(j.value, '$.sources') ORDER BY key LIMIT 5) s)),
			'count', json_array_length(j.value, '$.sources')),
		json(j.value)))
	FROM (SELECT value FROM json_each(disagreements.head) ORDER BY key) j)
WHERE EXISTS (SELECT 1 FROM json_each(disagreements.head) j WHERE json_array_length(j.value, '$.sources') > 5);

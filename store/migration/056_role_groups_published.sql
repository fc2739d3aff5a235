-- 056_role_groups_published: a role group keeps the publication dates of
-- its first and last sources, which date it, so that /who reads them with
-- the group rather than looking up two source rows per group: relative
-- dates ("until last week") make groups of their own in every article
-- that gives them, hundreds for a chief executive on a big fact base.
ALTER TABLE role_groups ADD COLUMN first_published TEXT NOT NULL DEFAULT '';
ALTER TABLE role_groups ADD COLUMN last_published TEXT NOT NULL DEFAULT '';
UPDATE role_groups SET first_published = COALESCE((SELECT published FROM sources WHERE id = first_source), ''),
	last_published = COALESCE((SELECT published FROM sources WHERE id = last_source), '');

DROP TRIGGER roles_group_ai;
DROP TRIGGER roles_group_ad;
DROP TRIGGER roles_group_au;

CREATE TRIGGER roles_group_ai AFTER INSERT ON roles BEGIN
	INSERT INTO role_groups (entity_id, title, org, since, until, first_source, last_source, n, first_published, last_published)
		SELECT new.entity_id, new.title, new.org, new.since, new.until, new.source_id, new.source_id, 1, p, p
		FROM (SELECT COALESCE((SELECT published FROM sources WHERE id = new.source_id), '') AS p) WHERE 1
		ON CONFLICT (entity_id, title, org, since, until) DO UPDATE SET
			first_source = min(first_source, excluded.first_source),
			first_published = IIF(excluded.first_source < first_source, excluded.first_published, first_published),
			last_source = max(last_source, excluded.last_source),
			last_published = IIF(excluded.last_source > last_source, excluded.last_published, last_published),
			n = n + 1;
END;

-- A removed row's group loses it; its first or last source is looked up
-- again (two probes of roles_entity) when that was the row's, and so is
-- that source's publication date.
CREATE TRIGGER roles_group_ad AFTER DELETE ON roles BEGIN
	DELETE FROM role_groups WHERE entity_id = old.entity_id AND title = old.title AND org = old.org
		AND since = old.since AND until = old.until AND n <= 1;
	UPDATE role_groups SET n = n - 1,
		first_source = IIF(first_source = old.source_id, (SELECT MIN(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), first_source),
		last_source = IIF(last_source = old.source_id, (SELECT MAX(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), last_source)
	WHERE entity_id = old.entity_id AND title = old.title AND org = old.org AND since = old.since AND until = old.until;
	UPDATE role_groups SET first_published = COALESCE((SELECT published FROM sources WHERE id = first_source), ''),
		last_published = COALESCE((SELECT published FROM sources WHERE id = last_source), '')
	WHERE entity_id = old.entity_id AND title = old.title AND org = old.org AND since = old.since AND until = old.until;
END;

CREATE TRIGGER roles_group_au AFTER UPDATE OF entity_id, title, org, since, until, source_id ON roles BEGIN
	DELETE FROM role_groups WHERE entity_id = old.entity_id AND title = old.title AND org = old.org
		AND since = old.since AND until = old.until AND n <= 1;
	UPDATE role_groups SET n = n - 1,
		first_source = IIF(first_source = old.source_id, (SELECT MIN(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), first_source),
		last_source = IIF(last_source = old.source_id, (SELECT MAX(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), last_source)
	WHERE entity_id = old.entity_id AND title = old.title AND org = old.org AND since = old.since AND until = old.until;
	UPDATE role_groups SET first_published = COALESCE((SELECT published FROM sources WHERE id = first_source), ''),
		last_published = COALESCE((SELECT published FROM sources WHERE id = last_source), '')
	WHERE entity_id = old.entity_id AND title = old.title AND org = old.org AND since = old.since AND until = old.until;
	INSERT INTO role_groups (entity_id, title, org, since, until, first_source, last_source, n, first_published, last_published)
		SELECT new.entity_id, new.title, new.org, new.since, new.until, new.source_id, new.source_id, 1, p, p
		FROM (SELECT COALESCE((SELECT published FROM sources WHERE id = new.source_id), '') AS p) WHERE 1
		ON CONFLICT (entity_id, title, org, since, until) DO UPDATE SET
			first_source = min(first_source, excluded.first_source),
			first_published = IIF(excluded.first_source < first_source, excluded.first_published, first_published),
			last_source = max(last_source, excluded.last_source),
			last_published = IIF(excluded.last_source > last_source, excluded.last_published, last_published),
			n = n + 1;
END;

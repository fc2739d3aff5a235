-- 053_role_groups: an entity's roles over time fold its role observations
-- (one row per article repeating "Steve Jobs, chief executive of Apple")
-- by title, organisation and dates. role_groups keeps that fold, with the
-- first and last source of each group and how many rows it holds, so that
-- /who reads a few rows instead of grouping thousands: triggers keep it
-- current through every insert, removal and re-pointing of roles rows
-- (cascades from a removed source or entity included). It folds the
-- rows of every source; views that hide sources correct the groups those
-- touch from roles (see entityRoles).
CREATE TABLE role_groups (
	entity_id    INTEGER NOT NULL,
	title        TEXT NOT NULL,
	org          TEXT NOT NULL,
	since        TEXT NOT NULL,
	until        TEXT NOT NULL,
	first_source INTEGER NOT NULL,
	last_source  INTEGER NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (entity_id, title, org, since, until)
) WITHOUT ROWID;
CREATE INDEX role_groups_org ON role_groups (lower(org));

INSERT INTO role_groups (entity_id, title, org, since, until, first_source, last_source, n)
	SELECT entity_id, title, org, since, until, MIN(source_id), MAX(source_id), COUNT(*)
	FROM roles GROUP BY entity_id, title, org, since, until;

CREATE TRIGGER roles_group_ai AFTER INSERT ON roles BEGIN
	INSERT INTO role_groups (entity_id, title, org, since, until, first_source, last_source, n)
		VALUES (new.entity_id, new.title, new.org, new.since, new.until, new.source_id, new.source_id, 1)
		ON CONFLICT (entity_id, title, org, since, until) DO UPDATE SET
			first_source = min(first_source, excluded.first_source),
			last_source = max(last_source, excluded.last_source),
			n = n + 1;
END;

-- A removed row's group loses it; its first or last source is looked up
-- again (two probes of roles_entity) when that was the row's.
CREATE TRIGGER roles_group_ad AFTER DELETE ON roles BEGIN
	DELETE FROM role_groups WHERE entity_id = old.entity_id AND title = old.title AND org = old.org
		AND since = old.since AND until = old.until AND n <= 1;
	UPDATE role_groups SET n = n - 1,
		first_source = IIF(first_source = old.source_id, (SELECT MIN(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), first_source),
		last_source = IIF(last_source = old.source_id, (SELECT MAX(r.source_id) FROM roles r WHERE r.entity_id = old.entity_id
			AND r.title = old.title AND r.org = old.org AND r.since = old.since AND r.until = old.until), last_source)
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
	INSERT INTO role_groups (entity_id, title, org, since, until, first_source, last_source, n)
		VALUES (new.entity_id, new.title, new.org, new.since, new.until, new.source_id, new.source_id, 1)
		ON CONFLICT (entity_id, title, org, since, until) DO UPDATE SET
			first_source = min(first_source, excluded.first_source),
			last_source = max(last_source, excluded.last_source),
			n = n + 1;
END;

-- The groups answer the lookups by organisation that roles_org served.
DROP INDEX IF EXISTS roles_org;

-- 050_source_scope: sources owned by a guild (Discord server). A source
-- with guild_id '' is global (the operator's); one with a guild_id was
-- added in that guild and only that guild's commands see it (see
-- store.Visible). source_configs remember the guild of the sources admins
-- added, for reloads.
ALTER TABLE sources ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';
ALTER TABLE source_configs ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';

-- Guild-owned sources are few next to the global ones: a partial index
-- lists them (and tells at once when there are none) without touching
-- the wide rows, and tells a row's source's owner in one probe.
CREATE INDEX sources_guild ON sources (id, guild_id) WHERE guild_id != '';

-- guild_reports counts a happening's reports from guild-owned sources:
-- every view shows a happening with none as stored.
ALTER TABLE happenings ADD COLUMN guild_reports INTEGER NOT NULL DEFAULT 0;

-- happening_views: what a happening with guild-owned reports says in the
-- views that do not see all its reports, worked out by the loader as it
-- works out the happening (merge.Summarize over the reports a view sees,
-- so that a view reads it as cheaply as the stored row, however many
-- reports it has). guild_id '' is the view of the global reports only
-- (report_count 0 when there are none: the happening is not in it);
-- guild_id G, for each guild with reports in it, that of the global
-- reports and G's. A view of a guild with no report in it is the global
-- one. disagreements is JSON, [{"about", "vals"}], vals as in
-- disagreements; report_ids lists the reports a list shows (the first
-- few the view sees, and the clearest), so that it reads them by id.
CREATE TABLE happening_views (
	happening_id   INTEGER NOT NULL,
	guild_id       TEXT NOT NULL,
	date           TEXT NOT NULL DEFAULT '',
	precision      TEXT NOT NULL DEFAULT '',
	sort_start     TEXT NOT NULL DEFAULT '',
	sort_end       TEXT NOT NULL DEFAULT '',
	summary        TEXT NOT NULL DEFAULT '',
	best_event_id  INTEGER NOT NULL DEFAULT 0,
	first_event_id INTEGER NOT NULL DEFAULT 0,
	source_count   INTEGER NOT NULL DEFAULT 0,
	report_count   INTEGER NOT NULL DEFAULT 0,
	inferred       INTEGER NOT NULL DEFAULT 0,
	disputed       INTEGER NOT NULL DEFAULT 0,
	disagreements  TEXT NOT NULL DEFAULT '',
	report_ids     TEXT NOT NULL DEFAULT '',
	-- Not WITHOUT ROWID: the rows (with their disagreements) are too wide
	-- to be the keys of an index b-tree.
	PRIMARY KEY (happening_id, guild_id)
);

-- The parts of the per-entity counts (entities.source_count,
-- mention_count, event_count; entity_names.uses; entity_place_names.uses)
-- that guild-owned sources contribute, by guild. A view subtracts the
-- other guilds' parts: an entity, name or place none of its sources
-- gives is not in the view. Rows exist only for guild-owned sources, so
-- these tables are empty, and cost nothing, until a guild adds one.
CREATE TABLE guild_entities (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	guild_id  TEXT NOT NULL,
	sources   INTEGER NOT NULL DEFAULT 0,
	mentions  INTEGER NOT NULL DEFAULT 0,
	events    INTEGER NOT NULL DEFAULT 0,
	-- quotes counts the quotes the entity speaks in the guild's sources.
	quotes    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, guild_id)
) WITHOUT ROWID;

CREATE TABLE guild_names (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	norm      TEXT NOT NULL,
	guild_id  TEXT NOT NULL,
	uses      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, norm, guild_id)
) WITHOUT ROWID;

CREATE TABLE guild_place_names (
	entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	place_norm TEXT NOT NULL,
	guild_id   TEXT NOT NULL,
	uses       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, place_norm, guild_id)
) WITHOUT ROWID;

-- guild_canon lists the entities whose stored name only guild-owned
-- sources use (a guild's article gave "Rutte" his full name), with the
-- guilds whose sources use it: a view of another guild, or the global
-- one, shows another of the entity's names. It is kept by loads and
-- removals, so that a list of participants costs a probe of a small
-- table.
CREATE TABLE guild_canon (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	guild_id  TEXT NOT NULL,
	PRIMARY KEY (entity_id, guild_id)
) WITHOUT ROWID;

-- guild_links repeats the event_entities rows of guild-owned sources'
-- reports, by entity: a view lists an entity's reports from the entity
-- index as before, skipping those the entity's other guilds' links name.
CREATE TABLE guild_links (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	guild_id  TEXT NOT NULL,
	event_id  INTEGER NOT NULL,
	PRIMARY KEY (entity_id, guild_id, event_id)
) WITHOUT ROWID;

-- 050_source_scope: sources owned by a guild (Discord server). A source
-- with guild_id '' is global (the operator's); one with a guild_id was
-- added in that guild and only that guild's commands see it (see
-- store.Visible). source_configs remember the guild of the sources admins
-- added, for reloads.
ALTER TABLE sources ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';
ALTER TABLE source_configs ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';

-- Guild-owned sources are few next to the global ones: a partial index
-- lists them (and tells at once when there are none) without touching
-- the wide rows.
CREATE INDEX sources_guild ON sources (guild_id, id) WHERE guild_id != '';

-- guild_reports counts a happening's reports from guild-owned sources:
-- a view shows a happening with none as stored, and works out one with
-- some again from the reports it may see.
ALTER TABLE happenings ADD COLUMN guild_reports INTEGER NOT NULL DEFAULT 0;

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

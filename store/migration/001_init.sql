-- 001_init: sources and the facts extracted from them. Every fact row
-- carries its source_id and byte offsets into sources.text so that it can be
-- traced back to the sentence it came from.

CREATE TABLE sources (
	id              INTEGER PRIMARY KEY,
	name            TEXT NOT NULL UNIQUE,
	location        TEXT NOT NULL DEFAULT '',
	url             TEXT NOT NULL DEFAULT '',
	title           TEXT NOT NULL DEFAULT '',
	published       TEXT NOT NULL DEFAULT '',
	published_note  TEXT NOT NULL DEFAULT '',
	content_hash    TEXT NOT NULL DEFAULT '',
	text            TEXT NOT NULL DEFAULT '',
	words           INTEGER NOT NULL DEFAULT 0,
	loaded_at       TEXT NOT NULL DEFAULT '',
	last_attempt_at TEXT NOT NULL DEFAULT '',
	last_result     TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT ''
);

-- entities are shared by all sources: the same person in several articles
-- is one row. first and surname are the first and last tokens of norm, for
-- matching "M. Rutte" and "Rutte" to "Mark Rutte".
CREATE TABLE entities (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	norm    TEXT NOT NULL,
	kind    TEXT NOT NULL,
	first   TEXT NOT NULL DEFAULT '',
	surname TEXT NOT NULL DEFAULT '',
	tokens  INTEGER NOT NULL DEFAULT 0,
	-- mention_count is kept up to date by loads and removals, to rank
	-- names without counting mentions at query time.
	mention_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_norm ON entities (norm, kind);
CREATE INDEX entities_count ON entities (mention_count DESC);
CREATE INDEX entities_surname ON entities (surname, kind);

-- aliases holds every name a source used for an entity, including its
-- canonical name; an entity with no aliases and no mentions left is
-- garbage.
CREATE TABLE aliases (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	alias     TEXT NOT NULL,
	norm      TEXT NOT NULL,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	PRIMARY KEY (entity_id, norm, source_id)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases (norm);
CREATE INDEX aliases_source ON aliases (source_id);

-- entity_places links an entity to the places its names point to (Kyiv ->
-- Ukraine, Ukrainian -> Ukraine) so that a topic matches them.
CREATE TABLE entity_places (
	entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	place      TEXT NOT NULL,
	place_norm TEXT NOT NULL,
	source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	PRIMARY KEY (entity_id, place_norm, source_id)
) WITHOUT ROWID;
CREATE INDEX entity_places_norm ON entity_places (place_norm);
CREATE INDEX entity_places_source ON entity_places (source_id);

CREATE TABLE roles (
	id        INTEGER PRIMARY KEY,
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	title     TEXT NOT NULL DEFAULT '',
	org       TEXT NOT NULL DEFAULT '',
	since     TEXT NOT NULL DEFAULT '',
	until     TEXT NOT NULL DEFAULT '',
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	start     INTEGER NOT NULL DEFAULT 0,
	"end"     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX roles_entity ON roles (entity_id);
CREATE INDEX roles_source ON roles (source_id);

CREATE TABLE mentions (
	id        INTEGER PRIMARY KEY,
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	text      TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_id, source_id);
CREATE INDEX mentions_source ON mentions (source_id, start);

-- events: sort_start and sort_end are the first and last day (YYYY-MM-DD)
-- of the date value, for ordering and range filters; sent_index is the
-- sentence's position in the article (0 = lead).
CREATE TABLE events (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	date         TEXT NOT NULL DEFAULT '',
	precision    TEXT NOT NULL DEFAULT '',
	sort_start   TEXT NOT NULL DEFAULT '',
	sort_end     TEXT NOT NULL DEFAULT '',
	summary      TEXT NOT NULL DEFAULT '',
	sentence     TEXT NOT NULL DEFAULT '',
	start        INTEGER NOT NULL DEFAULT 0,
	"end"        INTEGER NOT NULL DEFAULT 0,
	clause_start INTEGER NOT NULL DEFAULT 0,
	clause_end   INTEGER NOT NULL DEFAULT 0,
	time_text    TEXT NOT NULL DEFAULT '',
	sent_index   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_sort ON events (sort_start, source_id, start);
CREATE INDEX events_source ON events (source_id, start);
CREATE INDEX events_end ON events (sort_end);

-- event_entities repeats the event's sort_start so that an entity's
-- events come out of the index in date order.
CREATE TABLE event_entities (
	event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	sort_start TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX event_entities_entity ON event_entities (entity_id, sort_start, event_id);

-- entity_sources lists the sources that mention an entity, with how often.
CREATE TABLE entity_sources (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	mentions  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity_id, source_id)
) WITHOUT ROWID;
CREATE INDEX entity_sources_source ON entity_sources (source_id);

CREATE TABLE quotes (
	id                INTEGER PRIMARY KEY,
	source_id         INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	speaker_entity_id INTEGER REFERENCES entities (id) ON DELETE SET NULL,
	speaker_name      TEXT NOT NULL DEFAULT '',
	speaker_norm      TEXT NOT NULL DEFAULT '',
	text              TEXT NOT NULL,
	date              TEXT NOT NULL DEFAULT '',
	start             INTEGER NOT NULL DEFAULT 0,
	"end"             INTEGER NOT NULL DEFAULT 0,
	sentence_start    INTEGER NOT NULL DEFAULT 0,
	sentence_end      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quotes_speaker ON quotes (speaker_entity_id);
CREATE INDEX quotes_source ON quotes (source_id, sentence_start);
CREATE INDEX quotes_speaker_norm ON quotes (speaker_norm);

-- sentences of every source, indexed for full-text search through the
-- external-content FTS5 table sentences_fts, kept in step by triggers.
CREATE TABLE sentences (
	id        INTEGER PRIMARY KEY,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	text      TEXT NOT NULL
);
CREATE INDEX sentences_source ON sentences (source_id, start);

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
	text,
	content = 'sentences',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
	INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
	INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
	INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
END;

-- source_configs are sources that admins added from Discord; the loader
-- reads them next to its configured sources.
CREATE TABLE source_configs (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL UNIQUE,
	location  TEXT NOT NULL,
	published TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	added_by  TEXT NOT NULL DEFAULT '',
	added_at  TEXT NOT NULL DEFAULT ''
);

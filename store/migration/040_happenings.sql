-- 040_happenings: merged events. An events row is one report: an
-- article's dated clause. Reports of the same real-world happening share
-- a happenings row, which keeps what they say together (see package
-- merge): the date most of them support, the clearest report's wording,
-- the earliest report, how many distinct sources tell it, and where they
-- disagree. The loader assigns each new report to a happening when it
-- inserts it and keeps the touched happenings' rows current; a removal
-- recomputes those it leaves.
CREATE TABLE happenings (
	id              INTEGER PRIMARY KEY,
	date            TEXT NOT NULL DEFAULT '',
	precision       TEXT NOT NULL DEFAULT '',
	sort_start      TEXT NOT NULL DEFAULT '',
	sort_end        TEXT NOT NULL DEFAULT '',
	summary         TEXT NOT NULL DEFAULT '',
	best_event_id   INTEGER NOT NULL DEFAULT 0,
	first_event_id  INTEGER NOT NULL DEFAULT 0,
	-- first_published and last_published span the publication dates of
	-- its sources: a digest selects happenings first reported in its
	-- window.
	first_published TEXT NOT NULL DEFAULT '',
	last_published  TEXT NOT NULL DEFAULT '',
	source_count    INTEGER NOT NULL DEFAULT 0,
	report_count    INTEGER NOT NULL DEFAULT 0,
	inferred        INTEGER NOT NULL DEFAULT 0,
	disputed        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX happenings_published ON happenings (first_published, id);
CREATE INDEX happenings_disputed ON happenings (disputed, id) WHERE disputed;

-- disagreements: the points a happening's sources differ on; vals is
-- JSON, [{"value", "text", "sources": [source ids]}], read only with
-- the happening.
CREATE TABLE disagreements (
	id           INTEGER PRIMARY KEY,
	happening_id INTEGER NOT NULL REFERENCES happenings (id) ON DELETE CASCADE,
	about        TEXT NOT NULL,
	vals         TEXT NOT NULL
);
CREATE INDEX disagreements_happening ON disagreements (happening_id);

ALTER TABLE events ADD COLUMN happening_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_happening ON events (happening_id, id);

-- Existing reports each start as their own happening; reloading their
-- sources merges them.
INSERT INTO happenings (id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
	first_published, last_published, source_count, report_count)
SELECT e.id, e.date, e.precision, e.sort_start, e.sort_end, e.summary, e.id, e.id, s.published, s.published, 1, 1
FROM events e JOIN sources s ON s.id = e.source_id;
UPDATE events SET happening_id = id;

-- A page of a topic's timeline maps its events to happenings from the
-- narrow index rather than the wide rows.
DROP INDEX IF EXISTS events_byid;
CREATE INDEX events_byid ON events (id, sort_start, sort_end, source_id, happening_id);

-- Roles over time: the other holders of a single-holder office (the
-- chief executive of an organisation) are found by its organisation.
CREATE INDEX roles_org ON roles (lower(org));

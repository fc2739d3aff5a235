-- 054_entity_happenings: an entity's merged events in date order, one row
-- each. A story many feeds tell has a report, and a link to each of its
-- participants, per feed: walking an entity's links in date order to the
-- tenth merged event read hundreds of links on a big fact base.
-- entity_happenings keeps, per entity and happening (or lone report, as
-- minus its event id), the first and the last of its links in date order
-- (sort_start, then event id) and how many there are, so that /who and
-- /timeline walk one row per merged event. Triggers keep it current
-- through every insert, removal and re-pointing of event_entities rows.
CREATE TABLE entity_happenings (
	entity_id   INTEGER NOT NULL,
	happening   INTEGER NOT NULL,
	first_start TEXT NOT NULL,
	first_event INTEGER NOT NULL,
	last_start  TEXT NOT NULL,
	last_event  INTEGER NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (entity_id, happening)
) WITHOUT ROWID;
CREATE INDEX entity_happenings_first ON entity_happenings (entity_id, first_start, first_event);
CREATE INDEX entity_happenings_last ON entity_happenings (entity_id, last_start, last_event);

-- The first and last links fold as text that sorts as (sort_start,
-- event id) does.
INSERT INTO entity_happenings (entity_id, happening, first_start, first_event, last_start, last_event, n)
	SELECT entity_id, h,
		substr(lo, 1, instr(lo, char(1)) - 1), CAST(substr(lo, instr(lo, char(1)) + 1) AS INTEGER),
		substr(hi, 1, instr(hi, char(1)) - 1), CAST(substr(hi, instr(hi, char(1)) + 1) AS INTEGER), n
	FROM (SELECT entity_id, IIF(happening_id != 0, happening_id, -event_id) AS h,
			MIN(sort_start || char(1) || printf('%020d', event_id)) AS lo,
			MAX(sort_start || char(1) || printf('%020d', event_id)) AS hi, COUNT(*) AS n
		FROM event_entities GROUP BY entity_id, h);

CREATE TRIGGER event_entities_happening_ai AFTER INSERT ON event_entities BEGIN
	INSERT INTO entity_happenings (entity_id, happening, first_start, first_event, last_start, last_event, n)
		VALUES (new.entity_id, IIF(new.happening_id != 0, new.happening_id, -new.event_id), new.sort_start, new.event_id, new.sort_start, new.event_id, 1)
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			last_start = IIF((excluded.last_start, excluded.last_event) > (last_start, last_event), excluded.last_start, last_start),
			last_event = IIF((excluded.last_start, excluded.last_event) > (last_start, last_event), excluded.last_event, last_event),
			n = n + 1;
END;

-- A removed link's row loses it; its first or last link is looked up
-- again when that was the one removed (a lone report's row goes with
-- its only link).
CREATE TRIGGER event_entities_happening_ad AFTER DELETE ON event_entities BEGIN
	DELETE FROM entity_happenings WHERE entity_id = old.entity_id AND happening = IIF(old.happening_id != 0, old.happening_id, -old.event_id) AND n <= 1;
	UPDATE entity_happenings SET (first_start, first_event) = (SELECT ee.sort_start, ee.event_id FROM event_entities ee
			WHERE ee.entity_id = old.entity_id AND ee.happening_id = old.happening_id ORDER BY ee.sort_start, ee.event_id LIMIT 1)
		WHERE entity_id = old.entity_id AND happening = old.happening_id AND old.happening_id != 0 AND first_event = old.event_id;
	UPDATE entity_happenings SET (last_start, last_event) = (SELECT ee.sort_start, ee.event_id FROM event_entities ee
			WHERE ee.entity_id = old.entity_id AND ee.happening_id = old.happening_id ORDER BY ee.sort_start DESC, ee.event_id DESC LIMIT 1)
		WHERE entity_id = old.entity_id AND happening = old.happening_id AND old.happening_id != 0 AND last_event = old.event_id;
	UPDATE entity_happenings SET n = n - 1
		WHERE entity_id = old.entity_id AND happening = IIF(old.happening_id != 0, old.happening_id, -old.event_id);
END;

CREATE TRIGGER event_entities_happening_au AFTER UPDATE OF event_id, entity_id, sort_start, happening_id ON event_entities BEGIN
	DELETE FROM entity_happenings WHERE entity_id = old.entity_id AND happening = IIF(old.happening_id != 0, old.happening_id, -old.event_id) AND n <= 1;
	UPDATE entity_happenings SET (first_start, first_event) = (SELECT ee.sort_start, ee.event_id FROM event_entities ee
			WHERE ee.entity_id = old.entity_id AND ee.happening_id = old.happening_id ORDER BY ee.sort_start, ee.event_id LIMIT 1)
		WHERE entity_id = old.entity_id AND happening = old.happening_id AND old.happening_id != 0 AND first_event = old.event_id;
	UPDATE entity_happenings SET (last_start, last_event) = (SELECT ee.sort_start, ee.event_id FROM event_entities ee
			WHERE ee.entity_id = old.entity_id AND ee.happening_id = old.happening_id ORDER BY ee.sort_start DESC, ee.event_id DESC LIMIT 1)
		WHERE entity_id = old.entity_id AND happening = old.happening_id AND old.happening_id != 0 AND last_event = old.event_id;
	UPDATE entity_happenings SET n = n - 1
		WHERE entity_id = old.entity_id AND happening = IIF(old.happening_id != 0, old.happening_id, -old.event_id);
	INSERT INTO entity_happenings (entity_id, happening, first_start, first_event, last_start, last_event, n)
		VALUES (new.entity_id, IIF(new.happening_id != 0, new.happening_id, -new.event_id), new.sort_start, new.event_id, new.sort_start, new.event_id, 1)
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			last_start = IIF((excluded.last_start, excluded.last_event) > (last_start, last_event), excluded.last_start, last_start),
			last_event = IIF((excluded.last_start, excluded.last_event) > (last_start, last_event), excluded.last_event, last_event),
			n = n + 1;
END;

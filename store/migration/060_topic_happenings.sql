-- 060_topic_happenings: the merged events of the articles about an
-- entity, in date order, one row each. /timeline of a topic shows the
-- dated events of the articles about it (source_topics) beside those
-- naming it; finding the first page of those read every report dated
-- before it (a quarter of a million on 100,000 articles for "china"),
-- as a story many feeds tell has a report per feed. topic_happenings
-- keeps, per entity and happening (or lone report, as minus its event
-- id) told by an article about the entity, the first of those reports
-- in date order (sort_start, then event id) and how many there are, as
-- entity_happenings does for the links. Triggers on events and
-- source_topics keep it current, apart from the code that writes them.
CREATE TABLE topic_happenings (
	entity_id   INTEGER NOT NULL,
	happening   INTEGER NOT NULL,
	first_start TEXT NOT NULL,
	first_event INTEGER NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (entity_id, happening)
) WITHOUT ROWID;
CREATE INDEX topic_happenings_first ON topic_happenings (entity_id, first_start, first_event);

-- The first report folds as text that sorts as (sort_start, event id)
-- does.
INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
	SELECT entity_id, h, substr(lo, 1, instr(lo, char(1)) - 1), CAST(substr(lo, instr(lo, char(1)) + 1) AS INTEGER), n
	FROM (SELECT st.entity_id, IIF(e.happening_id != 0, e.happening_id, -e.id) AS h,
			MIN(e.sort_start || char(1) || printf('%020d', e.id)) AS lo, COUNT(*) AS n
		FROM source_topics st JOIN events e INDEXED BY events_source_sort ON e.source_id = st.source_id
		GROUP BY st.entity_id, h);

-- A new report counts for every entity its article is about.
CREATE TRIGGER events_topic_ai AFTER INSERT ON events BEGIN
	INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
		SELECT st.entity_id, IIF(new.happening_id != 0, new.happening_id, -new.id), new.sort_start, new.id, 1
		FROM source_topics st WHERE st.source_id = new.source_id
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			n = n + 1;
END;

-- A removed report's rows lose it; their first report is looked up
-- again when it was the one removed (a lone report's row goes with it).
CREATE TRIGGER events_topic_ad AFTER DELETE ON events BEGIN
	DELETE FROM topic_happenings WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id) AND n <= 1
		AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
	UPDATE topic_happenings SET (first_start, first_event) = (SELECT e.sort_start, e.id FROM events e
			WHERE e.happening_id = old.happening_id AND e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id = topic_happenings.entity_id)
			ORDER BY e.sort_start, e.id LIMIT 1)
		WHERE happening = old.happening_id AND old.happening_id != 0 AND first_event = old.id
			AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
	UPDATE topic_happenings SET n = n - 1
		WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id)
			AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
END;

-- A report moved to another happening, or redated: out of the old
-- rows as if removed, into the new as if added.
CREATE TRIGGER events_topic_au AFTER UPDATE OF happening_id, sort_start, source_id ON events BEGIN
	DELETE FROM topic_happenings WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id) AND n <= 1
		AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
	UPDATE topic_happenings SET (first_start, first_event) = (SELECT e.sort_start, e.id FROM events e
			WHERE e.happening_id = old.happening_id AND e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id = topic_happenings.entity_id)
			ORDER BY e.sort_start, e.id LIMIT 1)
		WHERE happening = old.happening_id AND old.happening_id != 0 AND first_event = old.id
			AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
	UPDATE topic_happenings SET n = n - 1
		WHERE happening = IIF(old.happening_id != 0, old.happening_id, -old.id)
			AND entity_id IN (SELECT entity_id FROM source_topics WHERE source_id = old.source_id);
	INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
		SELECT st.entity_id, IIF(new.happening_id != 0, new.happening_id, -new.id), new.sort_start, new.id, 1
		FROM source_topics st WHERE st.source_id = new.source_id
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			n = n + 1;
END;

-- An article found to be about an entity brings its reports to the
-- entity's rows.
CREATE TRIGGER source_topics_happening_ai AFTER INSERT ON source_topics BEGIN
	INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
		SELECT new.entity_id, h, substr(lo, 1, instr(lo, char(1)) - 1), CAST(substr(lo, instr(lo, char(1)) + 1) AS INTEGER), c
		FROM (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) AS h,
				MIN(e.sort_start || char(1) || printf('%020d', e.id)) AS lo, COUNT(*) AS c
			FROM events e INDEXED BY events_source_sort WHERE e.source_id = new.source_id GROUP BY h) WHERE 1
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			n = n + excluded.n;
END;

-- An article no longer about an entity takes its reports from the
-- entity's rows.
CREATE TRIGGER source_topics_happening_ad AFTER DELETE ON source_topics BEGIN
	UPDATE topic_happenings SET n = n - (SELECT COUNT(*) FROM events e INDEXED BY events_source_sort
			WHERE e.source_id = old.source_id AND IIF(e.happening_id != 0, e.happening_id, -e.id) = topic_happenings.happening)
		WHERE entity_id = old.entity_id
			AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
	DELETE FROM topic_happenings WHERE entity_id = old.entity_id AND n <= 0
		AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
	UPDATE topic_happenings SET (first_start, first_event) = (SELECT e.sort_start, e.id FROM events e
			WHERE e.happening_id = topic_happenings.happening AND e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id = old.entity_id)
			ORDER BY e.sort_start, e.id LIMIT 1)
		WHERE entity_id = old.entity_id
			AND first_event IN (SELECT e.id FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
END;

-- An entity merged into another (resolve) moves its articles' rows.
CREATE TRIGGER source_topics_happening_au AFTER UPDATE OF entity_id, source_id ON source_topics BEGIN
	UPDATE topic_happenings SET n = n - (SELECT COUNT(*) FROM events e INDEXED BY events_source_sort
			WHERE e.source_id = old.source_id AND IIF(e.happening_id != 0, e.happening_id, -e.id) = topic_happenings.happening)
		WHERE entity_id = old.entity_id
			AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
	DELETE FROM topic_happenings WHERE entity_id = old.entity_id AND n <= 0
		AND happening IN (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
	UPDATE topic_happenings SET (first_start, first_event) = (SELECT e.sort_start, e.id FROM events e
			WHERE e.happening_id = topic_happenings.happening AND e.source_id IN (SELECT source_id FROM source_topics WHERE entity_id = old.entity_id)
			ORDER BY e.sort_start, e.id LIMIT 1)
		WHERE entity_id = old.entity_id
			AND first_event IN (SELECT e.id FROM events e INDEXED BY events_source_sort WHERE e.source_id = old.source_id);
	INSERT INTO topic_happenings (entity_id, happening, first_start, first_event, n)
		SELECT new.entity_id, h, substr(lo, 1, instr(lo, char(1)) - 1), CAST(substr(lo, instr(lo, char(1)) + 1) AS INTEGER), c
		FROM (SELECT IIF(e.happening_id != 0, e.happening_id, -e.id) AS h,
				MIN(e.sort_start || char(1) || printf('%020d', e.id)) AS lo, COUNT(*) AS c
			FROM events e INDEXED BY events_source_sort WHERE e.source_id = new.source_id GROUP BY h) WHERE 1
		ON CONFLICT (entity_id, happening) DO UPDATE SET
			first_start = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_start, first_start),
			first_event = IIF((excluded.first_start, excluded.first_event) < (first_start, first_event), excluded.first_event, first_event),
			n = n + excluded.n;
END;

-- source_topics lists the entities an article is about: those its lead
-- (its first sentence of 40 bytes or more, with the title and dateline
-- before it) names, and those it names three times or more.
-- /timeline on a topic also shows the other dated events of the articles
-- about it: they tell that topic's story without naming it in every
-- sentence ("Trump canceled the Budapest summit" in an article on the war
-- in Ukraine).
CREATE TABLE source_topics (
	entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	PRIMARY KEY (entity_id, source_id)
) WITHOUT ROWID;
CREATE INDEX source_topics_source ON source_topics (source_id);

INSERT OR IGNORE INTO source_topics (entity_id, source_id)
SELECT m.entity_id, m.source_id FROM mentions m
GROUP BY m.source_id, m.entity_id
HAVING COUNT(*) >= 3 OR MIN(m.start) < COALESCE(
	(SELECT s."end" FROM sentences s WHERE s.source_id = m.source_id AND s."end" - s.start >= 40 ORDER BY s.start LIMIT 1),
	0);

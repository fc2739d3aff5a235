-- 051_source_polls: what the poller remembers of each URL source between
-- fetches, keyed by the configured source name (a feed's items are
-- sources of their own, "name/item"): the validators of a conditional
-- GET and the location they belong to, whether it served a feed or a
-- page (which sets its default interval), when it is due again and how
-- its last fetches went. A successful fetch writes its row in the
-- transaction that stores what it brought, so validators never describe
-- content the database does not hold.
CREATE TABLE source_polls (
	name          TEXT PRIMARY KEY,
	location      TEXT NOT NULL DEFAULT '',
	kind          TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	fetched_at    TEXT NOT NULL DEFAULT '',
	next_due      TEXT NOT NULL DEFAULT '',
	last_status   INTEGER NOT NULL DEFAULT 0,
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

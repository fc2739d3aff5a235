-- 020_digest: scheduled digests. A schedule per channel; a run per
-- (channel, due time) recording the digest before it is posted (pending)
-- and its message once it is (posted); the items each channel has been
-- shown, by content key, so that nothing is posted twice even when its
-- article is reloaded with new fact ids.

CREATE TABLE digest_schedules (
	channel_id  TEXT PRIMARY KEY,
	guild_id    TEXT NOT NULL DEFAULT '',
	clock       TEXT NOT NULL,            -- HH:MM, wall clock in time_zone
	time_zone   TEXT NOT NULL,            -- IANA name
	days        TEXT NOT NULL,            -- canonical: daily, mon-fri, sat,sun
	post_empty  INTEGER NOT NULL DEFAULT 0,
	status      TEXT NOT NULL DEFAULT 'ok', -- ok or failing
	fail_reason TEXT NOT NULL DEFAULT '',
	failed_at   TEXT NOT NULL DEFAULT '',
	-- watermark is the content cut of the last successful digest: sources
	-- loaded at or after it are new. Empty until the first digest.
	watermark   TEXT NOT NULL DEFAULT '',
	last_posted_at  TEXT NOT NULL DEFAULT '',
	last_message_id TEXT NOT NULL DEFAULT '',
	created_by  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);

CREATE TABLE digest_runs (
	id         INTEGER PRIMARY KEY,
	channel_id TEXT NOT NULL,
	due        TEXT NOT NULL,             -- UTC RFC 3339
	manual     INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL,             -- pending, posted, skipped, failed
	since      TEXT NOT NULL DEFAULT '',
	cut        TEXT NOT NULL DEFAULT '',
	content    TEXT NOT NULL DEFAULT '',  -- the rendered message, JSON
	item_keys  TEXT NOT NULL DEFAULT '',  -- content keys of its items, one a line
	items      INTEGER NOT NULL DEFAULT 0,
	nonce      TEXT NOT NULL DEFAULT '',
	message_id TEXT NOT NULL DEFAULT '',
	error      TEXT NOT NULL DEFAULT '',
	attempts   INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (channel_id, due)
);
CREATE INDEX digest_runs_status ON digest_runs (status, channel_id);

CREATE TABLE digest_posted (
	channel_id TEXT NOT NULL,
	item_key   TEXT NOT NULL,
	run_id     INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
	PRIMARY KEY (channel_id, item_key)
) WITHOUT ROWID;

-- Digests select sources by load time.
CREATE INDEX IF NOT EXISTS sources_loaded_at ON sources (loaded_at);

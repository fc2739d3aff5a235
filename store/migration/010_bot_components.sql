-- bot_components keeps the command behind a Discord button whose
-- custom_id would be longer than Discord's 100 characters: the bot puts a
-- hash in the custom_id and the command here, so such buttons still work
-- after a restart.
CREATE TABLE bot_components (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX bot_components_created_at ON bot_components (created_at);

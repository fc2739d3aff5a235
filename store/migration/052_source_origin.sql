-- origin says who asked for a source, so that a source dropped from the
-- config file can be removed with its facts while ad-hoc ingests and
-- sources added from Discord stay: 'config', 'builtin', 'discord',
-- 'adhoc', or '' for rows loaded before origins were recorded (never
-- removed automatically).
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT '';

UPDATE sources SET origin = 'discord'
WHERE EXISTS (SELECT 1 FROM source_configs c
	WHERE c.name = sources.name OR substr(sources.name, 1, length(c.name) + 1) = c.name || '/');

-- 044_roles_cover: roles over time fold an entity's role observations,
-- and those of the other holders of its offices, by title, organisation
-- and dates: covering indexes in that order let SQLite fold them from the
-- index, however many articles repeat them.
DROP INDEX IF EXISTS roles_entity;
CREATE INDEX roles_entity ON roles (entity_id, title, org, since, until, source_id);
DROP INDEX IF EXISTS roles_org;
CREATE INDEX roles_org ON roles (lower(org), entity_id, title, org, since, until, source_id);

-- 045_drop_happenings_published: digests select by their sources'
-- publication and load times, not by happenings; the index only cost
-- writes.
DROP INDEX IF EXISTS happenings_published;

-- 069_topic_happenings_per_load: a load adds its reports to
-- topic_happenings (migration 060) in one statement after it inserts
-- them (store.loader.addTopicHappenings) instead of an upsert per
-- report and topic by trigger. The rows end the same: per entity and
-- happening, the count of the reports and the first of them. Removed
-- reports and changed ones still go through the triggers
-- (events_topic_ad, events_topic_au).
DROP TRIGGER events_topic_ai;

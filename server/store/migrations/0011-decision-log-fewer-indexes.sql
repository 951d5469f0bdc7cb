-- 0011: one index fewer for every decision-log row written. The purge deletes unit by unit through
-- decision_log_unit_at, so the log needs no index on `at` alone.

DROP INDEX decision_log_at;

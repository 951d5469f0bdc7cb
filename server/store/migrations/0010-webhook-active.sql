-- 0010: a webhook can be disabled and enabled again (PATCH): while disabled no event is queued for it and its
-- pending deliveries wait; enabling it sends them.

ALTER TABLE webhooks ADD COLUMN disabled_at TEXT;   -- NULL: active

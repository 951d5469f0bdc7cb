-- 0009: API keys expire (optionally), remember when and from where they were last used, and are rotated without
-- downtime: the new key links to the one it replaces, whose expires_at is moved to the end of the grace period.

ALTER TABLE api_keys ADD COLUMN expires_at TEXT;                          -- NULL: does not expire
ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;                        -- written at most once a minute per key
ALTER TABLE api_keys ADD COLUMN last_used_from TEXT;                      -- the client address of that use
ALTER TABLE api_keys ADD COLUMN rotated_from INTEGER REFERENCES api_keys(id);  -- the key this one replaced
ALTER TABLE api_keys ADD COLUMN replaced_by INTEGER REFERENCES api_keys(id);   -- the key that replaced this one

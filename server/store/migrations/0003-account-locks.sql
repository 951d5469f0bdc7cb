-- 0003: accounts that must change their password at the next sign-in (a generated or admin-reset password), and
-- accounts locked after repeated wrong passwords (until an admin unlocks them).

ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN locked_at TEXT;

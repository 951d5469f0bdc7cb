-- 0016: who made each account and who last set its password for it (an admin creating it with a password of its
-- choosing, resetting it, or confirming an admin with a new one; NULL: the console, or only its owner). Four eyes
-- refuses a decision between a version's authors and an account they control this way, either way round.
-- Existing accounts take both from the audit log.

ALTER TABLE users ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE users ADD COLUMN credentials_by INTEGER REFERENCES users(id);

UPDATE users SET created_by = (
  SELECT a.actor_id FROM audit_log a WHERE a.action = 'user.create' AND a.subject = 'user:' || users.id ORDER BY a.id DESC LIMIT 1
);
UPDATE users SET credentials_by = (
  SELECT a.actor_id FROM audit_log a
  WHERE a.subject = 'user:' || users.id AND a.actor_id IS NOT NULL AND a.actor_id <> users.id
    AND (a.action = 'user.create' OR (a.action = 'user.password' AND a.after IS NOT NULL)
         OR (a.action = 'user.confirm' AND a.after LIKE '%passwordReset%'))
  ORDER BY a.id DESC LIMIT 1
);

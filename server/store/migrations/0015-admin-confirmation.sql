-- 0015: an admin account that another admin created (or promoted) waits for a second admin's confirmation before
-- it can sign in (issue 17.6). `pending_by` is the admin who made it an admin; NULL once confirmed (or never pending).

ALTER TABLE users ADD COLUMN pending_by INTEGER REFERENCES users(id);

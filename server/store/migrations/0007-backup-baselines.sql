-- 0007: the baselines compliance refers to, kept in the database (so backups carry them), and a backup's anchor.

-- Every baseline document the service has loaded, by content hash: a restore elsewhere (without the same rulesets
-- folder) still checks compliance against the baseline each scheme was copied from.
CREATE TABLE baselines (
  hash        TEXT PRIMARY KEY,                       -- contentHash of the document
  id          TEXT NOT NULL,
  title       TEXT NOT NULL,
  document    TEXT NOT NULL,                          -- the baseline document (JSON)
  recorded_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX baselines_id ON baselines(id, recorded_at);

-- Written into a backup copy only: the audit chain's head when the copy was made, MACed with the audit key, so a
-- copy whose newest entries were dropped fails verification.
CREATE TABLE backup_anchor (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  created_at TEXT NOT NULL,
  head_id    INTEGER NOT NULL,
  head_hash  TEXT NOT NULL,
  mac        TEXT NOT NULL                            -- hmac-sha256 over {createdAt, headId, headHash} under the audit key
);

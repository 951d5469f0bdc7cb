-- 0001: organisations, users, sessions, API keys, schemes and their versions, the hash-chained audit log.

CREATE TABLE orgs (
  id            INTEGER PRIMARY KEY,
  type          TEXT NOT NULL CHECK (type IN ('bureau', 'unit')),
  name          TEXT NOT NULL,
  fonds         TEXT,                                   -- 全宗号 (units only)
  kind          TEXT CHECK (kind IN ('enterprise', 'organ')),
  supervisor_id INTEGER REFERENCES orgs(id),            -- the bureau, or parent enterprise (10号令 Art. 15), that reviews
  created_at    TEXT NOT NULL,
  CHECK (type = 'bureau' OR (fonds IS NOT NULL AND kind IS NOT NULL AND supervisor_id IS NOT NULL)),
  CHECK (type = 'unit' OR (fonds IS NULL AND kind IS NULL)),
  CHECK (supervisor_id IS NULL OR supervisor_id <> id)
);
CREATE UNIQUE INDEX orgs_fonds ON orgs(fonds) WHERE fonds IS NOT NULL;
CREATE INDEX orgs_supervisor ON orgs(supervisor_id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('archivist', 'reviewer', 'admin')),
  org_id        INTEGER REFERENCES orgs(id),
  password_hash TEXT NOT NULL,                          -- scrypt$N$r$p$salt$key
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  CHECK (role = 'admin' OR org_id IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,                          -- sha256 of the bearer token; the token itself is never stored
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES orgs(id),
  name       TEXT NOT NULL,
  prefix     TEXT NOT NULL UNIQUE,                      -- shown in lists so people can tell keys apart
  key_hash   TEXT NOT NULL UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_unit ON api_keys(unit_id);

CREATE TABLE schemes (
  id            INTEGER PRIMARY KEY,
  unit_id       INTEGER NOT NULL REFERENCES orgs(id),
  name          TEXT NOT NULL,
  baseline_id   TEXT,
  baseline_hash TEXT,
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX schemes_unit ON schemes(unit_id);

CREATE TABLE scheme_versions (
  id             INTEGER PRIMARY KEY,
  scheme_id      INTEGER NOT NULL REFERENCES schemes(id),
  number         INTEGER NOT NULL CHECK (number >= 1),
  state          TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'superseded')),
  document       TEXT NOT NULL,                         -- the scheme document (JSON)
  hash           TEXT NOT NULL,                         -- content hash (engine contentHash, without `version`)
  rev            INTEGER NOT NULL DEFAULT 1,            -- bumped on every edit; the ETag
  copied_from    INTEGER,
  created_by     INTEGER NOT NULL REFERENCES users(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  submitted_by   INTEGER REFERENCES users(id),
  submitted_at   TEXT,
  decided_by     INTEGER REFERENCES users(id),
  decided_at     TEXT,
  approval_number TEXT,                                 -- 批复文号
  decided_on     TEXT,                                  -- date of the bureau's decision
  effective_from TEXT,
  comment        TEXT,
  justification  TEXT,                                  -- why compliance findings were accepted
  reject_reason  TEXT,
  superseded_at  TEXT,
  UNIQUE (scheme_id, number),
  CHECK (state <> 'approved' OR (approval_number IS NOT NULL AND effective_from IS NOT NULL AND decided_by IS NOT NULL)),
  CHECK (decided_by IS NULL OR decided_by <> submitted_by)  -- four eyes
);
-- At most one version of a scheme is open (draft or submitted) at a time.
CREATE UNIQUE INDEX scheme_versions_open ON scheme_versions(scheme_id) WHERE state IN ('draft', 'submitted');
CREATE INDEX scheme_versions_state ON scheme_versions(state);

-- Only drafts change content. Submitted, approved, rejected and superseded versions are frozen; the only state
-- moves allowed are the workflow's own.
CREATE TRIGGER scheme_versions_frozen_content BEFORE UPDATE OF document, hash, rev, scheme_id, number ON scheme_versions
WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'scheme version content is frozen');
END;

CREATE TRIGGER scheme_versions_state_moves BEFORE UPDATE OF state ON scheme_versions
WHEN NOT (
     (OLD.state = 'draft' AND NEW.state IN ('draft', 'submitted'))
  OR (OLD.state = 'submitted' AND NEW.state IN ('approved', 'rejected'))
  OR (OLD.state = 'approved' AND NEW.state IN ('approved', 'superseded'))
  OR (OLD.state = NEW.state)
)
BEGIN
  SELECT RAISE(ABORT, 'scheme version state change not allowed');
END;

-- An approval, once recorded, never changes (only the move to superseded).
CREATE TRIGGER scheme_versions_decision_frozen BEFORE UPDATE ON scheme_versions
WHEN OLD.state IN ('approved', 'superseded', 'rejected') AND (
     NEW.submitted_by IS NOT OLD.submitted_by OR NEW.submitted_at IS NOT OLD.submitted_at
  OR NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_at IS NOT OLD.decided_at
  OR NEW.approval_number IS NOT OLD.approval_number OR NEW.decided_on IS NOT OLD.decided_on
  OR NEW.effective_from IS NOT OLD.effective_from OR NEW.comment IS NOT OLD.comment
  OR NEW.justification IS NOT OLD.justification OR NEW.reject_reason IS NOT OLD.reject_reason
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
)
BEGIN
  SELECT RAISE(ABORT, 'scheme version decision is frozen');
END;

CREATE TRIGGER scheme_versions_no_delete BEFORE DELETE ON scheme_versions
WHEN OLD.state <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'only drafts can be deleted');
END;

-- Append-only, hash-chained audit log: each entry stores the previous entry's hash.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_id   INTEGER,                                   -- user id; NULL for the system and for API keys
  actor      TEXT NOT NULL,                             -- username, 'system', or 'key:<prefix>'
  action     TEXT NOT NULL,
  unit_id    INTEGER,
  scheme_id  INTEGER,
  version    INTEGER,
  subject    TEXT NOT NULL,                             -- what changed, e.g. 'scheme_version:12', 'user:3'
  before     TEXT,                                      -- JSON
  after      TEXT,                                      -- JSON
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_unit ON audit_log(unit_id, id);
CREATE INDEX audit_scheme ON audit_log(scheme_id, id);
CREATE INDEX audit_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;

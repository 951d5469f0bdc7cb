-- 0002: the decision log (each classification a business system asked for), its per-unit settings, the archivists'
-- decisions on records that went to review, and the id blocks the in-memory log writer hands out.

CREATE TABLE decision_log (
  id           INTEGER PRIMARY KEY,                     -- handed out by the writer from decision_log_ids blocks
  unit_id      INTEGER NOT NULL REFERENCES orgs(id),
  at           TEXT NOT NULL,                           -- ISO time of the classification
  scheme_id    INTEGER NOT NULL,
  version      INTEGER,
  outcome      TEXT NOT NULL CHECK (outcome IN ('file', 'exclude', 'review')),
  item_id      TEXT,                                    -- the table row that decided (or the first candidate of a review)
  exclusion_id TEXT,
  class_code   TEXT,
  retention    TEXT,                                    -- Y / D30 / D10 …
  needs        TEXT,                                    -- JSON array of field paths, or NULL
  record       TEXT NOT NULL,                           -- JSON: the record's fields as stored (masked or left out by the unit's rules)
  request_id   TEXT,
  api_key_id   INTEGER,                                 -- the caller: an API key …
  user_id      INTEGER,                                 -- … or a signed-in user
  source       TEXT NOT NULL CHECK (source IN ('single', 'batch', 'ndjson'))
);
CREATE INDEX decision_log_unit ON decision_log(unit_id, id);
CREATE INDEX decision_log_unit_at ON decision_log(unit_id, at);
CREATE INDEX decision_log_at ON decision_log(at);
CREATE INDEX decision_log_review ON decision_log(unit_id, id) WHERE outcome = 'review';

-- One row per process start and per 1,000 entries: the writer takes a block of ids with one UPDATE.
CREATE TABLE decision_log_ids (
  only     INTEGER PRIMARY KEY CHECK (only = 1),
  next_id  INTEGER NOT NULL
);
INSERT INTO decision_log_ids (only, next_id) VALUES (1, 1);

CREATE TABLE decision_log_settings (
  unit_id        INTEGER PRIMARY KEY REFERENCES orgs(id),
  enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  retention_days INTEGER NOT NULL DEFAULT 400 CHECK (retention_days BETWEEN 1 AND 36500),
  masks          TEXT NOT NULL DEFAULT '[]',            -- JSON: [{field, action: mask|omit, securityLevels?: [...]}]
  updated_by     INTEGER REFERENCES users(id),
  updated_at     TEXT NOT NULL
);

-- An archivist's decision on a logged record that went to review: file under a row with a period, or exclude.
CREATE TABLE review_decisions (
  log_id      INTEGER PRIMARY KEY REFERENCES decision_log(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES orgs(id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('file', 'exclude')),
  item_id     TEXT,
  retention   TEXT,
  reason      TEXT,
  decided_by  INTEGER NOT NULL REFERENCES users(id),
  decided_at  TEXT NOT NULL,
  CHECK (outcome = 'exclude' OR (item_id IS NOT NULL AND retention IS NOT NULL)),
  CHECK (outcome = 'file' OR reason IS NOT NULL)
);
CREATE INDEX review_decisions_unit ON review_decisions(unit_id, decided_at);

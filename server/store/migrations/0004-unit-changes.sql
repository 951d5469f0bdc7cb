-- 0003: changes recorded on a unit that make its 三合一表 due for revision (10号令 Art. 17: restructuring, capital
-- structure, main business; 机关: internal bodies or functions). Append-only: a wrong entry is answered by a new one.

CREATE TABLE unit_changes (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES orgs(id),
  kind        TEXT NOT NULL CHECK (kind IN ('restructuring', 'main_business', 'functions')),
  occurred_on TEXT NOT NULL,                            -- the date the change took effect (YYYY-MM-DD)
  description TEXT NOT NULL,
  reference   TEXT,                                     -- the document that decided it (文件依据), if any
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX unit_changes_unit ON unit_changes(unit_id, occurred_on);

CREATE TRIGGER unit_changes_no_update BEFORE UPDATE ON unit_changes
BEGIN
  SELECT RAISE(ABORT, 'unit changes are append-only');
END;

CREATE TRIGGER unit_changes_no_delete BEFORE DELETE ON unit_changes
BEGIN
  SELECT RAISE(ABORT, 'unit changes are append-only');
END;

-- How many national-floor findings a frozen (submitted, approved, superseded) version has against the baselines
-- identified by `baselines` (a fingerprint of their hashes): the supervision view computes each once, ever.
CREATE TABLE version_finding_counts (
  version_id INTEGER PRIMARY KEY REFERENCES scheme_versions(id),
  baselines  TEXT NOT NULL,
  errors     INTEGER NOT NULL,
  warnings   INTEGER NOT NULL
);

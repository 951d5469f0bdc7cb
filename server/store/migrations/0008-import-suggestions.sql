-- 0006: the conditions an import suggested from the rows' wording, kept with the imported scheme (not in the page's
-- session) until the archivist applies them or lets them go. Advisory text: not part of any version's content.

CREATE TABLE scheme_suggestions (
  scheme_id   INTEGER PRIMARY KEY REFERENCES schemes(id),
  suggestions TEXT NOT NULL CHECK (json_valid(suggestions)),  -- JSON object: clause id → JSON-Logic condition
  created_at  TEXT NOT NULL
);

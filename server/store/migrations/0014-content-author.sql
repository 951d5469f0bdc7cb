-- 0014: who last wrote a version's content — its creator (baseline copy, import, new version), then the author of
-- each draft edit — so that four eyes can keep that person from deciding it. Versions written before this migration
-- take it from their last `version.edit` audit entry, or their creator; a row without it counts as its creator's.

ALTER TABLE scheme_versions ADD COLUMN edited_by INTEGER REFERENCES users(id);

UPDATE scheme_versions SET edited_by = coalesce(
  (SELECT a.actor_id FROM audit_log a
    WHERE a.subject = 'scheme_version:' || scheme_versions.id AND a.action = 'version.edit' AND a.actor_id IS NOT NULL
    ORDER BY a.id DESC LIMIT 1),
  created_by);

-- Only a draft's content changes, so only a draft changes its author.
CREATE TRIGGER scheme_versions_editor_frozen BEFORE UPDATE OF edited_by ON scheme_versions
WHEN OLD.state <> 'draft' AND NEW.edited_by IS NOT OLD.edited_by
BEGIN
  SELECT RAISE(ABORT, 'scheme version content is frozen');
END;

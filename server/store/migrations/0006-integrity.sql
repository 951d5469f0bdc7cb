-- 0006: no row enters the workflow except as the workflow writes it, and the audit log only grows at its end.

-- A version is born a draft (create, copy, import); submission and decision are state moves, never inserts.
CREATE TRIGGER scheme_versions_insert_draft BEFORE INSERT ON scheme_versions
WHEN NEW.state <> 'draft'
  OR NEW.submitted_by IS NOT NULL OR NEW.submitted_at IS NOT NULL
  OR NEW.decided_by IS NOT NULL OR NEW.decided_at IS NOT NULL
  OR NEW.approval_number IS NOT NULL OR NEW.decided_on IS NOT NULL OR NEW.effective_from IS NOT NULL
  OR NEW.justification IS NOT NULL OR NEW.reject_reason IS NOT NULL OR NEW.superseded_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'scheme versions are inserted as drafts only');
END;

-- Entries are appended after the last one, linked to its hash (the first links to the genesis hash).
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), 'sha256:' || '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'audit entries are appended after the last one');
END;

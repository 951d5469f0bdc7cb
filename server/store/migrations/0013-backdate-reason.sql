-- 0013: an approval whose effective date is earlier than its decision date records why (backdate_reason); like
-- the rest of a decision it is written once, by the approval, and frozen from then on.

ALTER TABLE scheme_versions ADD COLUMN backdate_reason TEXT;

CREATE TRIGGER scheme_versions_insert_no_backdate BEFORE INSERT ON scheme_versions
WHEN NEW.backdate_reason IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'scheme versions are inserted as drafts only');
END;

-- Set only by the move from submitted to approved; never changed afterwards.
CREATE TRIGGER scheme_versions_backdate_frozen BEFORE UPDATE OF backdate_reason ON scheme_versions
WHEN OLD.state <> 'submitted' AND NEW.backdate_reason IS NOT OLD.backdate_reason
BEGIN
  SELECT RAISE(ABORT, 'scheme version decision is frozen');
END;

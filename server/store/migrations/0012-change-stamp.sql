-- 0012: a counter every committed change to cached state moves, whichever connection or process made it. The
-- service's caches (credentials, units' versions in force, log settings) are kept until it moves; the decision log's
-- writer thread (its own connection) and the other tables without caches do not move it, so writing the log does not
-- empty the caches (server/store/changes.ts). A table added later gets the same three triggers unless it is listed
-- in changes.ts as one no cache depends on (test/http/change-stamp.test.ts checks every table).

CREATE TABLE change_stamp (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  n    INTEGER NOT NULL
);
INSERT INTO change_stamp (only, n) VALUES (1, 0);

CREATE TRIGGER orgs_stamp_insert AFTER INSERT ON orgs BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER orgs_stamp_update AFTER UPDATE ON orgs BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER orgs_stamp_delete AFTER DELETE ON orgs BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER users_stamp_insert AFTER INSERT ON users BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER users_stamp_delete AFTER DELETE ON users BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER sessions_stamp_insert AFTER INSERT ON sessions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER sessions_stamp_update AFTER UPDATE ON sessions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER sessions_stamp_delete AFTER DELETE ON sessions BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER api_keys_stamp_insert AFTER INSERT ON api_keys BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER api_keys_stamp_update AFTER UPDATE ON api_keys BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER api_keys_stamp_delete AFTER DELETE ON api_keys BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER schemes_stamp_insert AFTER INSERT ON schemes BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER schemes_stamp_update AFTER UPDATE ON schemes BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER schemes_stamp_delete AFTER DELETE ON schemes BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER scheme_versions_stamp_insert AFTER INSERT ON scheme_versions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER scheme_versions_stamp_update AFTER UPDATE ON scheme_versions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER scheme_versions_stamp_delete AFTER DELETE ON scheme_versions BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER audit_log_stamp_insert AFTER INSERT ON audit_log BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER audit_log_stamp_update AFTER UPDATE ON audit_log BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER audit_log_stamp_delete AFTER DELETE ON audit_log BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER decision_log_settings_stamp_insert AFTER INSERT ON decision_log_settings BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER decision_log_settings_stamp_update AFTER UPDATE ON decision_log_settings BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER decision_log_settings_stamp_delete AFTER DELETE ON decision_log_settings BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER unit_changes_stamp_insert AFTER INSERT ON unit_changes BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER unit_changes_stamp_update AFTER UPDATE ON unit_changes BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER unit_changes_stamp_delete AFTER DELETE ON unit_changes BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER webhooks_stamp_insert AFTER INSERT ON webhooks BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhooks_stamp_update AFTER UPDATE ON webhooks BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhooks_stamp_delete AFTER DELETE ON webhooks BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER webhook_outbox_stamp_insert AFTER INSERT ON webhook_outbox BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhook_outbox_stamp_update AFTER UPDATE ON webhook_outbox BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhook_outbox_stamp_delete AFTER DELETE ON webhook_outbox BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER webhook_attempts_stamp_insert AFTER INSERT ON webhook_attempts BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhook_attempts_stamp_update AFTER UPDATE ON webhook_attempts BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER webhook_attempts_stamp_delete AFTER DELETE ON webhook_attempts BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER version_in_force_events_stamp_insert AFTER INSERT ON version_in_force_events BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER version_in_force_events_stamp_update AFTER UPDATE ON version_in_force_events BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER version_in_force_events_stamp_delete AFTER DELETE ON version_in_force_events BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER baselines_stamp_insert AFTER INSERT ON baselines BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER baselines_stamp_update AFTER UPDATE ON baselines BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER baselines_stamp_delete AFTER DELETE ON baselines BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER backup_anchor_stamp_insert AFTER INSERT ON backup_anchor BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER backup_anchor_stamp_update AFTER UPDATE ON backup_anchor BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER backup_anchor_stamp_delete AFTER DELETE ON backup_anchor BEGIN UPDATE change_stamp SET n = n + 1; END;

CREATE TRIGGER scheme_suggestions_stamp_insert AFTER INSERT ON scheme_suggestions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER scheme_suggestions_stamp_update AFTER UPDATE ON scheme_suggestions BEGIN UPDATE change_stamp SET n = n + 1; END;
CREATE TRIGGER scheme_suggestions_stamp_delete AFTER DELETE ON scheme_suggestions BEGIN UPDATE change_stamp SET n = n + 1; END;

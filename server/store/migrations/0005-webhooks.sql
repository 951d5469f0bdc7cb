-- 0003: webhooks of a unit, the outbox their deliveries are written to in the event's own transaction, the
-- delivery attempts, and which versions' coming into force has been announced.

CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES orgs(id),
  url         TEXT NOT NULL,
  events      TEXT NOT NULL,                          -- JSON array of event types
  secret      TEXT NOT NULL,                          -- HMAC-SHA256 key the payloads are signed with (shown once)
  created_by  INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL,
  deleted_at  TEXT
);
CREATE INDEX webhooks_unit ON webhooks(unit_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_outbox (
  id              INTEGER PRIMARY KEY,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks(id),
  event_id        TEXT NOT NULL,                      -- the dedupe id receivers see (Sanheyi-Webhook-Id)
  event           TEXT NOT NULL,
  payload         TEXT NOT NULL,                      -- the JSON body, exactly as sent and signed
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  delivered_at    TEXT,
  failed_at       TEXT,                               -- gave up after the last retry, or the hook was deleted
  last_status     INTEGER,
  last_error      TEXT,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE webhook_attempts (
  id         INTEGER PRIMARY KEY,
  outbox_id  INTEGER NOT NULL REFERENCES webhook_outbox(id),
  attempt    INTEGER NOT NULL,
  at         TEXT NOT NULL,
  status     INTEGER,                                 -- the receiver's HTTP status; null when there was no answer
  error      TEXT,
  ms         INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_outbox ON webhook_attempts(outbox_id);

-- A version's effective date announced once (version.in-force). Versions already in force when webhooks arrived
-- are marked, so that the first start announces none of the past.
CREATE TABLE version_in_force_events (
  version_id INTEGER PRIMARY KEY REFERENCES scheme_versions(id),
  at         TEXT NOT NULL
);
INSERT INTO version_in_force_events (version_id, at)
  SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM scheme_versions
  WHERE state IN ('approved', 'superseded') AND effective_from <= date('now', '+8 hours');

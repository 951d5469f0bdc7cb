// All stores of one database, built once.
import { ApiKeyStore } from './api-keys-store.js';
import { AuditStore, type AuditStoreOptions } from './audit-store.js';
import { BaselinesStore } from './baselines-store.js';
import type { Db } from './db.js';
import { DecisionLogStore } from './decision-log-store.js';
import { OrgStore } from './orgs-store.js';
import { ReviewInboxStore } from './review-inbox-store.js';
import { SchemeStore } from './schemes-store.js';
import { SessionStore } from './sessions-store.js';
import { SuggestionsStore } from './suggestions-store.js';
import { UserStore } from './users-store.js';
import { WebhookStore } from './webhooks-store.js';

export interface Stores {
  orgs: OrgStore;
  users: UserStore;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  schemes: SchemeStore;
  audit: AuditStore;
  baselines: BaselinesStore;
  decisionLog: DecisionLogStore;
  reviewInbox: ReviewInboxStore;
  webhooks: WebhookStore;
  suggestions: SuggestionsStore;
}

/** `audit`: the chain's key and head anchor (without them the chain is written unkeyed, as tools on a copy do). */
export function createStores(db: Db, audit: AuditStoreOptions = {}): Stores {
  return {
    orgs: new OrgStore(db),
    users: new UserStore(db),
    sessions: new SessionStore(db),
    apiKeys: new ApiKeyStore(db),
    schemes: new SchemeStore(db),
    audit: new AuditStore(db, audit),
    baselines: new BaselinesStore(db),
    decisionLog: new DecisionLogStore(db),
    reviewInbox: new ReviewInboxStore(db),
    webhooks: new WebhookStore(db),
    suggestions: new SuggestionsStore(db),
  };
}

// One builder per audited event of the scheme workflow: the action (from the closed AuditAction vocabulary), who,
// which unit, scheme and version, the subject, and what it was before and after.
import type { Scheme } from '../schemas/scheme.js';
import type { ApiKey } from '../store/api-keys-store.js';
import type { AuditInput } from '../store/audit-store.js';
import type { SchemeInfo, VersionMeta } from '../store/schemes-store.js';
import type { LogEntry } from '../store/decision-log-store.js';
import type { Org } from '../store/orgs-store.js';
import type { ReviewDecision } from '../store/review-inbox-store.js';
import type { UnitChange } from '../store/unit-changes-store.js';
import type { User } from '../store/users-store.js';
import { actorOf } from './access.js';

/** Who acted and on which scheme: what every workflow event starts from. */
interface EventTarget {
  user: User;
  scheme: Pick<SchemeInfo, 'id' | 'unitId'>;
}

/** Who acted on an account or organisation: an admin, or an operator at the console (no user). */
export type Actor = { actorId: number | null; actor: string };

const userSubject = (u: Pick<User, 'id'>) => `user:${u.id}`;

const versionSubject = (v: Pick<VersionMeta, 'id'>) => `scheme_version:${v.id}`;

function byUser(
  at: string,
  t: EventTarget,
  number: number,
): Pick<AuditInput, 'at' | 'actorId' | 'actor' | 'unitId' | 'schemeId' | 'version'> {
  return { at, ...actorOf({ kind: 'user', user: t.user }), unitId: t.scheme.unitId, schemeId: t.scheme.id, version: number };
}

export const auditEvents = {
  schemeCreated(
    at: string,
    t: EventTarget,
    scheme: SchemeInfo,
    v: VersionMeta,
    document: Scheme,
    importedFrom?: Record<string, unknown>,
  ): AuditInput {
    return {
      ...byUser(at, t, 1),
      action: 'scheme.create',
      subject: `scheme:${scheme.id}`,
      after: { scheme, version: v, document, ...(importedFrom ? { importedFrom } : {}) },
    };
  },

  /** The before document is the after of the previous entry for this version; only its hash is kept here. */
  versionEdited(at: string, t: EventTarget, before: VersionMeta, after: VersionMeta, document: Scheme): AuditInput {
    return {
      ...byUser(at, t, before.number),
      action: 'version.edit',
      subject: versionSubject(before),
      before: { rev: before.rev, hash: before.hash },
      after: { rev: after.rev, hash: after.hash, document },
    };
  },

  versionCreated(at: string, t: EventTarget, v: VersionMeta, source: { number: number; hash: string }, document: Scheme): AuditInput {
    return {
      ...byUser(at, t, v.number),
      action: 'version.create',
      subject: versionSubject(v),
      before: { copiedFrom: source.number, hash: source.hash },
      after: { version: v, document },
    };
  },

  versionSubmitted(
    at: string,
    t: EventTarget,
    before: VersionMeta,
    after: VersionMeta,
    tests: { passed: number; failed: number },
  ): AuditInput {
    return {
      ...byUser(at, t, before.number),
      action: 'version.submit',
      subject: versionSubject(before),
      before: { state: 'draft', hash: before.hash },
      after: { state: 'submitted', hash: after.hash, tests },
    };
  },

  /** `findings`: how many compliance findings the approval's justification answers. */
  versionApproved(at: string, t: EventTarget, after: VersionMeta, findings: number): AuditInput {
    return {
      ...byUser(at, t, after.number),
      action: 'version.approve',
      subject: versionSubject(after),
      before: { state: 'submitted' },
      after: {
        state: 'approved',
        hash: after.hash,
        approvalNumber: after.approvalNumber,
        decidedOn: after.decidedOn,
        effectiveFrom: after.effectiveFrom,
        comment: after.comment,
        justification: after.justification,
        ...(after.backdateReason ? { backdateReason: after.backdateReason } : {}),
        findings,
      },
    };
  },

  versionRejected(
    at: string,
    t: EventTarget,
    v: VersionMeta,
    input: { reason: string; decidedOn: string | null; comment: string | null },
  ): AuditInput {
    return {
      ...byUser(at, t, v.number),
      action: 'version.reject',
      subject: versionSubject(v),
      before: { state: 'submitted' },
      after: { state: 'rejected', ...input },
    };
  },

  /** Done by the service itself (no user) once a newer approved version has taken effect. */
  versionSuperseded(
    at: string,
    scheme: Pick<SchemeInfo, 'id' | 'unitId'>,
    v: { id: number; number: number },
    by: { number: number; effectiveFrom: string },
  ): AuditInput {
    return {
      at,
      actorId: null,
      actor: 'system',
      action: 'version.supersede',
      unitId: scheme.unitId,
      schemeId: scheme.id,
      version: v.number,
      subject: versionSubject(v),
      before: { state: 'approved' },
      after: { state: 'superseded', by: by.number, effectiveFrom: by.effectiveFrom },
    };
  },

  /** An archivist's decision on a record classify sent to review (the decision-log entry). */
  reviewDecided(at: string, user: User, e: LogEntry, d: Omit<ReviewDecision, 'decidedByName'>): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'review.decide',
      unitId: e.unitId,
      schemeId: e.schemeId,
      version: e.version,
      subject: `decision_log:${e.id}`,
      before: { outcome: 'review', itemId: e.itemId, needs: e.needs },
      after: { outcome: d.outcome, itemId: d.itemId, retention: d.retention, reason: d.reason },
    };
  },

  /** A unit's decision-log settings changed. */
  decisionLogSettings(at: string, user: User, unitId: number, before: unknown, after: unknown): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'decisionLog.settings',
      unitId,
      subject: `decision_log_settings:${unitId}`,
      before,
      after,
    };
  },

  /** A wrong password (or an unknown name) that reached the hash; `failures`: consecutive ones for that name. */
  loginFailed(at: string, who: { user?: User; username: string }, address: string, failures: number): AuditInput {
    return {
      at,
      actorId: null,
      actor: 'anonymous',
      action: 'auth.failure',
      unitId: null,
      subject: who.user ? `user:${who.user.id}` : `login:${who.username}`,
      after: { username: who.username, address, failures },
    };
  },

  /** A client address reached a guessing limit (wrong passwords or bad bearer tokens): once per episode. */
  limitReached(at: string, address: string, kind: 'login' | 'token', failures: number, windowSeconds: number): AuditInput {
    return {
      at,
      actorId: null,
      actor: 'system',
      action: 'auth.limit',
      unitId: null,
      subject: `address:${address}`,
      after: { kind, failures, windowSeconds },
    };
  },

  /** The account locked itself after `failures` consecutive wrong passwords. */
  accountLocked(at: string, user: User, address: string, failures: number): AuditInput {
    return {
      at,
      actorId: null,
      actor: 'system',
      action: 'user.lock',
      unitId: null,
      subject: `user:${user.id}`,
      before: { lockedAt: null },
      after: { lockedAt: at, failures, address },
    };
  },

  /** An account created by an admin or the console; an admin-made admin is `pendingBy` its creator. */
  userCreated(at: string, actor: Actor, user: User, unitId: number | null): AuditInput {
    return { at, ...actor, action: 'user.create', unitId, subject: userSubject(user), after: user };
  },

  /** An admin changed the display name, role or organisation (a promotion to admin waits for a second admin). */
  userUpdated(at: string, actor: Actor, before: User, after: User, unitId: number | null): AuditInput {
    const pick = (u: User) => ({ displayName: u.displayName, role: u.role, orgId: u.orgId, pendingBy: u.pendingBy });
    return { at, ...actor, action: 'user.update', unitId, subject: userSubject(before), before: pick(before), after: pick(after) };
  },

  /** Disabled (its sessions ended) or enabled again. */
  userDisabled(at: string, actor: Actor, user: User, disabled: boolean, unitId: number | null): AuditInput {
    return {
      at,
      ...actor,
      action: disabled ? 'user.disable' : 'user.enable',
      unitId,
      subject: userSubject(user),
      before: { disabled: user.disabled },
      after: { disabled },
    };
  },

  /** A password set for the user (never logged): `reset` by an admin or the console, to be changed at sign-in. */
  passwordSet(at: string, actor: Actor, user: User, unitId: number | null, reset: boolean): AuditInput {
    return {
      at,
      ...actor,
      action: 'user.password',
      unitId,
      subject: userSubject(user),
      ...(reset ? { after: { reset: true, mustChangePassword: true } } : {}),
    };
  },

  /** A second admin (or the console) confirmed an admin account that another admin created or promoted. */
  adminConfirmed(at: string, actor: Actor, user: User, passwordReset: boolean): AuditInput {
    return {
      at,
      ...actor,
      action: 'user.confirm',
      unitId: null,
      subject: userSubject(user),
      before: { pendingBy: user.pendingBy },
      after: { pendingBy: null, ...(passwordReset ? { passwordReset: true, mustChangePassword: true } : {}) },
    };
  },

  /** An organisation created by an admin or the console. */
  orgCreated(at: string, actor: Actor, org: Org): AuditInput {
    return { at, ...actor, action: 'org.create', unitId: org.type === 'unit' ? org.id : null, subject: `org:${org.id}`, after: org };
  },

  /** An admin changed an organisation's name, 全宗号, 单位类型 or 档案主管部门/上级单位. */
  orgUpdated(at: string, actor: Actor, before: Org, after: Org): AuditInput {
    return {
      at,
      ...actor,
      action: 'org.update',
      unitId: after.type === 'unit' ? after.id : null,
      subject: `org:${after.id}`,
      before,
      after,
    };
  },

  /** An admin (or the console) unlocked the account. */
  accountUnlocked(at: string, actor: { actorId: number | null; actor: string }, user: User): AuditInput {
    return {
      at,
      ...actor,
      action: 'user.unlock',
      unitId: null,
      subject: `user:${user.id}`,
      before: { lockedAt: user.lockedAt },
      after: { lockedAt: null },
    };
  },

  /** An admin recorded a restructuring, change of main business or of functions on a unit (10号令 Art. 17). */
  unitChangeRecorded(at: string, user: User, change: UnitChange): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'unit.change',
      unitId: change.unitId,
      subject: `unit_change:${change.id}`,
      after: change,
    };
  },

  /** The service's bundle signing key replaced (`sanheyi keys rotate`); the old public key stays listed. */
  signingKeyRotated(at: string, actor: string, before: string, after: { id: string; publicKey: string }): AuditInput {
    return {
      at,
      actorId: null,
      actor,
      action: 'signingKey.rotate',
      subject: `signing_key:${after.id}`,
      before: { keyId: before },
      after: { keyId: after.id, publicKey: after.publicKey },
    };
  },

  /** A unit's webhook registered (the secret is never logged). */
  webhookCreated(at: string, user: User, hook: { id: number; unitId: number; url: string; events: string[] }): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'webhook.create',
      unitId: hook.unitId,
      subject: `webhook:${hook.id}`,
      after: { url: hook.url, events: hook.events },
    };
  },

  /** A hook changed (url, events, active); `secretRotated` says whether it got a new secret (never logged). */
  webhookUpdated(
    at: string,
    user: User,
    before: { id: number; unitId: number; url: string; events: string[]; active: boolean },
    after: { url: string; events: string[]; active: boolean },
    secretRotated: boolean,
  ): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'webhook.update',
      unitId: before.unitId,
      subject: `webhook:${before.id}`,
      before: { url: before.url, events: before.events, active: before.active },
      after: { url: after.url, events: after.events, active: after.active, secretRotated },
    };
  },

  webhookDeleted(at: string, user: User, hook: { id: number; unitId: number; url: string; events: string[] }): AuditInput {
    return {
      at,
      ...actorOf({ kind: 'user', user }),
      action: 'webhook.delete',
      unitId: hook.unitId,
      subject: `webhook:${hook.id}`,
      before: { url: hook.url, events: hook.events },
    };
  },

  /** An API key issued (its secret is never logged); `rotatedFrom` set when it replaces another by rotation. */
  apiKeyCreated(at: string, actor: Actor, key: ApiKey): AuditInput {
    return { at, ...actor, action: 'apiKey.create', unitId: key.unitId, subject: `apiKey:${key.id}`, after: keyRecord(key) };
  },

  /** A key replaced by `created`: the old one works until its new `expiresAt` (the end of the grace period). */
  apiKeyRotated(at: string, actor: Actor, before: ApiKey, after: ApiKey, created: ApiKey, graceHours: number): AuditInput {
    return {
      at,
      ...actor,
      action: 'apiKey.rotate',
      unitId: before.unitId,
      subject: `apiKey:${before.id}`,
      before: keyRecord(before),
      after: { ...keyRecord(after), graceHours, newKey: { id: created.id, prefix: created.prefix, expiresAt: created.expiresAt } },
    };
  },

  apiKeyRevoked(at: string, actor: Actor, before: ApiKey, after: ApiKey): AuditInput {
    return {
      at,
      ...actor,
      action: 'apiKey.revoke',
      unitId: before.unitId,
      subject: `apiKey:${before.id}`,
      before: keyRecord(before),
      after: keyRecord(after),
    };
  },
};

/** A key as the audit log keeps it: without its last use, which changes without an event. */
function keyRecord(key: ApiKey): Omit<ApiKey, 'lastUsedAt' | 'lastUsedFrom'> {
  const { lastUsedAt: _at, lastUsedFrom: _from, ...rest } = key;
  return rest;
}

// The wire contract of /api/v1: every request and response schema by resource, and the OpenAPI component map.

export * from './common.js';
export * from './auth.js';
export * from './orgs.js';
export * from './users.js';
export * from './api-keys.js';
export * from './baselines.js';
export * from './schemes.js';
export * from './classify.js';
export * from './audit.js';
export * from './spreadsheets.js';
export * from './health.js';
export * from './decision-log.js';
export * from './review-inbox.js';
export * from './impact.js';
export * from './supervision.js';
export * from './bundles.js';
export * from './webhooks.js';

import { Problem, FieldError } from './common.js';
import { Session, Me } from './auth.js';
import { Org } from './orgs.js';
import { PasswordReset, User } from './users.js';
import { ApiKey, ApiKeyCreated, ApiKeyRotated } from './api-keys.js';
import { BaselineSummary } from './baselines.js';
import {
  VersionMeta,
  Version,
  Submitted,
  SchemeWithVersions,
  Analysis,
  ComplianceFinding,
  Compliance,
  Diff,
  ReviewQueueEntry,
} from './schemes.js';
import { ClassifyResult, ClassifyBatchResult, ClassifyLine, ClassifyBatchRequest, TryRequest, TryResult } from './classify.js';
import { AuditEntry, AuditPage, ChainCheck } from './audit.js';
import {
  ImportIssue,
  ImportPreview,
  ImportStats,
  ImportSuggestions,
  ImportPreviewResult,
  ImportedScheme,
  SchemeSuggestions,
} from './spreadsheets.js';
import { Health } from './health.js';
import { DecisionLogEntry, DecisionLogPage, DecisionLogSettings } from './decision-log.js';
import { ImpactReport } from './impact.js';
import { DecideResult, ReviewDecision, ReviewDecisionList, ReviewInbox, ReviewStatus, ReviewTestAdded } from './review-inbox.js';
import { SupervisionCounts, SupervisionPage, SupervisionRow, UnitChange } from './supervision.js';
import { Bundle, BundleVersion, PublicKey, PublicKeys } from './bundles.js';
import { Webhook, WebhookCreated, WebhookDelivery, WebhookUpdated } from './webhooks.js';

/** The response (and OpenAPI-only request) schemas, by component name. */
export const responseSchemas = {
  Problem,
  FieldError,
  Org,
  User,
  PasswordReset,
  Session,
  Me,
  ApiKey,
  ApiKeyCreated,
  ApiKeyRotated,
  BaselineSummary,
  VersionMeta,
  Version,
  Submitted,
  SchemeWithVersions,
  ClassifyResult,
  ClassifyBatchResult,
  ClassifyLine,
  ClassifyBatchRequest,
  TryRequest,
  TryResult,
  Analysis,
  ComplianceFinding,
  Compliance,
  Diff,
  ReviewQueueEntry,
  AuditEntry,
  AuditPage,
  ChainCheck,
  ImportIssue,
  ImportPreview,
  ImportStats,
  ImportSuggestions,
  ImportPreviewResult,
  ImportedScheme,
  SchemeSuggestions,
  Health,
  DecisionLogEntry,
  DecisionLogPage,
  DecisionLogSettings,
  ReviewInbox,
  ReviewDecisionList,
  ReviewDecision,
  DecideResult,
  ReviewStatus,
  ReviewTestAdded,
  ImpactReport,
  SupervisionRow,
  SupervisionCounts,
  SupervisionPage,
  UnitChange,
  Bundle,
  BundleVersion,
  PublicKey,
  PublicKeys,
  Webhook,
  WebhookCreated,
  WebhookUpdated,
  WebhookDelivery,
} as const;

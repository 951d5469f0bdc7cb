// The request checkers of the HTTP API, compiled once from the wire contract (server/schemas/api).
import { checker } from '../schemas/ajv.js';
import {
  type ApproveBody, type AuditQuery, type ClassifyBatchBody, type ClassifyQuery, type CreateApiKeyBody, type CreateOrgBody,
  type CreateSchemeBody, type CreateUserBody, type DiffQuery, type ExportQuery, type ImportQuery, type LoginBody,
  type NewVersionBody, type RejectBody, type TryBody, approveBody, auditQuery, classifyBatchBody, classifyQuery,
  createApiKeyBody, createOrgBody, createSchemeBody, createUserBody, diffQuery, emptyBody, emptyQuery, exportQuery,
  importQuery, loginBody, newVersionBody, rejectBody, tryBody,
} from '../schemas/api/index.js';

export const checks = {
  login: checker<LoginBody>(loginBody),
  createOrg: checker<CreateOrgBody>(createOrgBody),
  createUser: checker<CreateUserBody>(createUserBody),
  createApiKey: checker<CreateApiKeyBody>(createApiKeyBody),
  createScheme: checker<CreateSchemeBody>(createSchemeBody),
  newVersion: checker<NewVersionBody>(newVersionBody),
  approve: checker<ApproveBody>(approveBody),
  reject: checker<RejectBody>(rejectBody),
  try: checker<TryBody>(tryBody),
  classifyBatch: checker<ClassifyBatchBody>(classifyBatchBody),
  empty: checker<Record<string, never>>(emptyBody),
  emptyQuery: checker<Record<string, never>>(emptyQuery),
  diffQuery: checker<DiffQuery>(diffQuery),
  classifyQuery: checker<ClassifyQuery>(classifyQuery),
  auditQuery: checker<AuditQuery>(auditQuery),
  importQuery: checker<ImportQuery>(importQuery),
  exportQuery: checker<ExportQuery>(exportQuery),
};

/** Optional integer from a validated id string. */
export const int = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

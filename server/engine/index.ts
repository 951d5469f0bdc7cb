// The engine's public API: `import { compile } from 'sanheyi'` classifies in-process, with no I/O.
export { compile, compileValid, SchemeInvalidError } from './compile.js';
export type { ClassifyResult, ClassifyOptions, CompiledScheme, Candidate, Outcome, RetentionValue } from './compile.js';
export { classifyRecord, ignoredFields, parseDocNumber, prepareRecord } from './prepare-record.js';
export { checkCompliance } from './compliance.js';
export type { ComplianceFinding, ComplianceReport } from './compliance.js';
export { branchFloors, mappingOf } from './floors.js';
export { validateScheme, fieldNames } from './validate.js';
export { analyse } from './analyse.js';
export type { Analysis, Finding } from './analyse.js';
export { runTests } from './run-tests.js';
export type { TestRun, TestOutcome } from './run-tests.js';
export { contentHash, canonicalJson, digests, type Digests } from './hash.js';
export { RETENTIONS, RETENTION_CODES } from '../schemas/retention-codes.js';
export type { RetentionCode } from '../schemas/retention-codes.js';
export { STANDARD_FIELDS } from '../schemas/fields.js';
export type { Scheme, SchemeItem } from '../schemas/scheme.js';
export type { ClassifiableRecord } from '../schemas/record.js';
export type { FieldError } from '../schemas/ajv.js';

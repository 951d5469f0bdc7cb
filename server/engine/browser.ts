// The engine's browser-safe entry: the pure parts the web page uses (diff, expectations, floors, wording match,
// completeness, the operator list), without node:crypto (hashing) or the compiler. The web imports the engine only
// through this file (scripts/build-web.mjs and test/web/engine-entry.test.ts refuse any other engine path).
export { parentId } from './clause-numbers.js';
export { chinaDate } from './dates.js';
export { diffSchemes } from './diff.js';
export type { SchemeDiff } from './diff.js';
export { checkExpectation } from './run-tests.js';
export { branchFloors, mappingOf } from './floors.js';
export { bestMatch } from './row-match.js';
export type { BaselineRowText } from './row-match.js';
export { incompleteParts } from './completeness.js';
export { ALLOWED_OPERATORS, PARAM_OPERATOR } from './operators.js';
export { mapConditions, paramName } from './parameters.js';
export type { ClassifyResult } from './compile.js';
export type { Finding } from './analyse.js';
export type { ComplianceFinding } from './compliance.js';

// The record checker classification uses (the service and loadBundle alike), compiled once.
import { checker } from './ajv.js';
import { type ClassifiableRecord, recordSchema } from './record.js';

// The scheme schema nests the record schema (test records), so ajv already knows its $id: compile a copy without it.
const { $id: _recordId, ...recordShape } = recordSchema;
export const checkRecord = checker<ClassifiableRecord>(recordShape);

// The scheme document: one 三合一 table version (分类方案 + 归档范围 + 保管期限). Single source of the file format.
import type { FromSchema } from 'json-schema-to-ts';
import { RETENTION_CODE_PATTERN } from './retention-codes.js';
import { recordSchema } from './record.js';

export const SCHEME_FORMAT = 'sanheyi.scheme/1';

/** Codes are the unit's own: digits, letters or pinyin (DA/T 42-2009 7.5). */
export const CLASS_CODE_PATTERN = '^[A-Za-z0-9]{1,16}$';
/** 层垒制 clause numbers, at most four levels: 1, 1.1, 1.1.1, 1.1.1.1. */
export const ITEM_ID_PATTERN = '^[1-9][0-9]{0,2}(\\.[1-9][0-9]{0,2}){0,3}$';
export const EXTRA_FIELD_PATTERN = '^extra\\.[A-Za-z][A-Za-z0-9_]{0,39}$';
/** A field path: a standard field, a nested standard field (contract.amount) or a declared `extra.*` field. */
export const FIELD_PATH_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,39}(\\.[A-Za-z][A-Za-z0-9_]{0,39})?$';
export const PARAMETER_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,39}$';
export const MAX_CLASS_DEPTH = 4;

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

/**
 * JSON-Logic condition. Only its shape is checked here; operators (allow-list), field references,
 * arity, size and depth are checked by `validateScheme` so that each error names its path.
 */
const logic = { type: ['object', 'boolean'] } as const;

const leafClass = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: {
    code: { type: 'string', pattern: CLASS_CODE_PATTERN },
    name: text(100),
    note: { type: 'string', maxLength: 1000 },
  },
} as const;

function withChildren<C>(child: C) {
  return {
    ...leafClass,
    properties: { ...leafClass.properties, children: { type: 'array', maxItems: 200, items: child } },
  } as const;
}

// 门类 → 类 → 属类 → 小类: the tree is at most four levels deep, so the schema spells the levels out.
const classLevel3 = withChildren(leafClass);
const classLevel2 = withChildren(classLevel3);
const classLevel1 = withChildren(classLevel2);

const retentionCode = { type: 'string', pattern: RETENTION_CODE_PATTERN } as const;

const eventStart = {
  type: 'object',
  additionalProperties: false,
  required: ['event', 'dateField'],
  properties: {
    event: text(100),
    // A declared extra.* field or a standard date field (assetScrappedOn, contract.endedOn, …).
    dateField: { type: 'string', pattern: FIELD_PATH_PATTERN },
    // Counted from 1 January after the event's year (79号令 Art. 14: from the end of the accounting year).
    then: { const: 'fiscalYearEndNextDay' },
    // When the record has no event date: count from the formation year instead, and say so.
    fallback: { const: 'nextYearJan1' },
  },
} as const;

const retentionStartRule = { type: 'string', enum: ['nextYearJan1', 'fiscalYearEndNextDay'] } as const;

const branch = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'code'],
  properties: {
    label: text(50),
    when: logic,
    code: retentionCode,
  },
} as const;

const item = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'scope'],
  properties: {
    id: { type: 'string', pattern: ITEM_ID_PATTERN },
    scope: text(2000),
    class: { type: 'string', maxLength: 100 },
    when: logic,
    retention: {
      anyOf: [retentionCode, { type: 'array', minItems: 1, maxItems: 10, items: branch }],
    },
    retentionStart: { anyOf: [retentionStartRule, eventStart] },
    review: text(500),
    basis: { type: 'string', maxLength: 500 },
    department: { type: 'string', maxLength: 100 },
    // Printed 备注 of the 报审 table.
    note: { type: 'string', maxLength: 2000 },
    // For the editors only (sources, to-dos): never printed or exported in the 报审 table.
    editorNote: { type: 'string', maxLength: 2000 },
    needsCondition: { type: 'boolean' },
    // When no branch condition holds: decide by the longest branch (从长) or by the named branch, never silently shorter.
    default: text(50),
    // The archivist confirmed the row has no national-baseline counterpart (no mapping is suggested).
    notDerived: { type: 'boolean' },
    // Rows whose overlap with this one is intended (the analysis folds them).
    intendedOverlaps: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', pattern: ITEM_ID_PATTERN } },
    // The baseline row this row derives from (compliance: a unit may lengthen, never shorten, the floor).
    derivedFrom: { type: 'string', pattern: ITEM_ID_PATTERN },
  },
} as const;

const exclusion = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'scope', 'when'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$' },
    scope: text(1000),
    when: logic,
    // The legal qualifier positively established (e.g. the unit is only 抄送); absent: `when` establishes it.
    established: logic,
    // Fields that would establish the qualifier, for a `review` result (default: the fields `established` reads).
    needs: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: FIELD_PATH_PATTERN } },
    reason: { type: 'string', maxLength: 1000 },
    basis: { type: 'string', maxLength: 500 },
    editorNote: { type: 'string', maxLength: 2000 },
  },
} as const;

const parameter = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'type', 'value'],
  properties: {
    name: { type: 'string', pattern: PARAMETER_NAME_PATTERN },
    label: text(50),
    type: { type: 'string', enum: ['number', 'string', 'stringArray', 'boolean'] },
    value: {
      anyOf: [
        { type: 'number' },
        { type: 'string', maxLength: 500 },
        { type: 'boolean' },
        { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 200 } },
      ],
    },
    unit: { type: 'string', maxLength: 20 },
    note: { type: 'string', maxLength: 1000 },
  },
} as const;

const fieldDef = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'type'],
  properties: {
    name: { type: 'string', pattern: EXTRA_FIELD_PATTERN },
    label: text(50),
    type: { type: 'string', enum: ['string', 'enum', 'number', 'boolean', 'date', 'stringArray'] },
    values: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: text(100) },
  },
} as const;

// Test records nest the record schema; without its $id, so the record schema can also be compiled on its own. A
// scheme's own test records are written by its editors: there an unknown field is a typo, and is refused.
const { $id: _recordId, ...recordShape } = recordSchema;
const testRecord = { ...recordShape, additionalProperties: false } as const;

const testCase = {
  type: 'object',
  additionalProperties: false,
  required: ['record', 'expect'],
  properties: {
    name: { type: 'string', maxLength: 200 },
    record: testRecord,
    expect: {
      type: 'object',
      additionalProperties: false,
      required: ['outcome'],
      properties: {
        outcome: { type: 'string', enum: ['file', 'exclude', 'review'] },
        // The fields a review (or a default decision) names as deciding, in any order.
        needs: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 80 } },
        item: { type: 'string', pattern: ITEM_ID_PATTERN },
        exclusion: { type: 'string', maxLength: 16 },
        retention: retentionCode,
        classCode: { type: 'string', maxLength: 100 },
      },
    },
  },
} as const;

export const schemeSchema = {
  $id: 'https://sanheyi.dev/schemas/scheme.json',
  title: '三合一表（分类方案、归档范围、保管期限）',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'title', 'unit', 'kind', 'classes', 'items'],
  properties: {
    $schema: { type: 'string' },
    format: { const: SCHEME_FORMAT },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    title: text(200),
    description: { type: 'string', maxLength: 20000 },
    fonds: { type: 'string', pattern: '^[A-Za-z0-9]{1,16}$', description: '全宗号' },
    unit: text(200),
    kind: { type: 'string', enum: ['enterprise', 'organ'] },
    baseline: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'string', maxLength: 64 },
        version: { type: 'integer', minimum: 1 },
        hash: { type: 'string', maxLength: 80 },
      },
    },
    version: { type: 'integer', minimum: 1 },
    retentionStart: retentionStartRule,
    policy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // The only policy today; named so that a scheme states the rule it is read by.
        multipleMatches: { const: 'longestRetentionThenMostSpecific' },
        // whenEstablished (default): an exclusion beats a 永久/30年 row only when its qualifier is established, and
        // 机密/绝密 records are never excluded. beforeItems: legacy, exclusions first whatever matches.
        exclusions: { type: 'string', enum: ['whenEstablished', 'beforeItems'] },
      },
    },
    archivalCode: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // 机构（问题）segment of the 档号 (DA/T 22-2015 5.4.2): the item's class below the 门类, or the department's code.
        segment: { type: 'string', enum: ['class', 'department'] },
      },
    },
    departments: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name'],
        properties: { code: { type: 'string', pattern: CLASS_CODE_PATTERN }, name: text(100) },
      },
    },
    fields: { type: 'array', maxItems: 100, items: fieldDef },
    parameters: { type: 'array', maxItems: 100, items: parameter },
    // Retention codes beyond Y/D30/D10 the scheme uses outside 文书 (e.g. D2, D5).
    periods: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: '^D[1-9][0-9]?$' } },
    classes: { type: 'array', minItems: 1, maxItems: 100, items: classLevel1 },
    items: { type: 'array', minItems: 1, maxItems: 5000, items: item },
    exclusions: { type: 'array', maxItems: 500, items: exclusion },
    tests: { type: 'array', maxItems: 10000, items: testCase },
  },
} as const;

export type Scheme = FromSchema<typeof schemeSchema>;
export type SchemeItem = Scheme['items'][number];
export type SchemeExclusion = NonNullable<Scheme['exclusions']>[number];
export type SchemeTest = NonNullable<Scheme['tests']>[number];
export type SchemeField = NonNullable<Scheme['fields']>[number];
export type RetentionBranch = Extract<NonNullable<SchemeItem['retention']>, readonly unknown[]>[number];
export type EventStart = Extract<NonNullable<SchemeItem['retentionStart']>, object>;
export type SchemeParameter = NonNullable<Scheme['parameters']>[number];
export interface SchemeClass {
  code: string;
  name: string;
  note?: string;
  children?: SchemeClass[];
}

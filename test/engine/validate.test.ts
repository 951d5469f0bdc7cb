// Schema and semantic validation: each bad scheme is rejected with an error naming its JSON path.
import { describe, expect, it } from 'vitest';
import { validateScheme } from '../../server/engine/validate.js';
import { compile, SchemeInvalidError } from '../../server/engine/compile.js';
import { type FullScheme, branches, eventStart, miniScheme } from './scheme-fixture.js';

type Doc = FullScheme;

/** For the edits the scheme's type refuses (that is the point of the test): the object as plain JSON. */
const loose = (x: object) => x as Record<string, unknown>;

function nest(depth: number): Record<string, unknown> {
  let logic: Record<string, unknown> = { '==': [{ var: 'docType' }, '通知'] };
  for (let i = 0; i < depth; i++) logic = { and: [logic] };
  return logic;
}

const NEGATIVE: [name: string, change: (d: Doc) => void, path: string, message: RegExp][] = [
  [
    'unknown field in a condition',
    (d) => (d.items[1].when = { '==': [{ var: 'docKind' }, '纪要'] }),
    '/items/1/when/==/0/var',
    /未声明的字段“docKind”/,
  ],
  [
    'prototype access via var',
    (d) => (d.items[1].when = { '==': [{ var: 'constructor' }, 'x'] }),
    '/items/1/when/==/0/var',
    /未声明的字段“constructor”/,
  ],
  ['__proto__ path', (d) => (d.items[1].when = { '!!': { var: 'title.__proto__' } }), '/items/1/when/!!/var', /未声明的字段/],
  [
    'computed var path',
    (d) => (d.items[1].when = { '!!': { var: [{ cat: ['ti', 'tle'] }] } }),
    '/items/1/when/!!/var/0',
    /字段名必须是文本常量/,
  ],
  ['operator outside the allow-list', (d) => (d.items[1].when = { log: [{ var: 'title' }] }), '/items/1/when/log', /不允许的运算符“log”/],
  ['method operator', (d) => (d.items[1].when = { method: [{ var: 'title' }, 'toString'] }), '/items/1/when/method', /不允许的运算符/],
  [
    'operator with a slash is escaped in the path',
    (d) => (d.items[1].when = { '>': [{ '/': [{ var: 'amount' }] }, 1] }),
    '/items/1/when/>/0/~1',
    /需要 2 个参数/,
  ],
  ['two operators in one object', (d) => (d.items[1].when = { and: [true], or: [true] }), '/items/1/when', /只能有一个运算符/],
  ['too deep', (d) => (d.items[1].when = nest(40)), '/items/1/when/and/0/and/0/*', /嵌套过深：超过 24 层/],
  [
    'too many nodes',
    (d) =>
      (d.items[1].when = {
        or: Array.from({ length: 150 }, () => ({ and: Array.from({ length: 20 }, () => ({ in: ['x', { var: 'title' }] })) })),
      }),
    '/items/1/when',
    /条件过大/,
  ],
  ['unknown class', (d) => (d.items[1].class = 'WS/ZZ'), '/items/1/class', /未定义的类目“WS\/ZZ”/],
  ['duplicate item id', (d) => (d.items[2].id = '1.1'), '/items/2/id', /条款号“1.1”重复/],
  ['missing parent clause', (d) => (d.items[4].id = '7.1'), '/items/4/id', /上级条款“7”不存在/],
  [
    'duplicate sibling class code',
    (d) => d.classes[0].children!.push({ code: 'DQ', name: '重复' }),
    '/classes/0/children/2/code',
    /同级类目代码“DQ”重复/,
  ],
  ['retention code outside the set', (d) => (d.items[1].retention = 'D15'), '/items/1/retention', /.+/],
  ['old retention word', (d) => (d.items[1].retention = '长期'), '/items/1/retention', /.+/],
  [
    'class tree deeper than four levels',
    (d) => (loose(d.classes[0].children![1].children![0]).children = [{ code: 'A', name: '甲', children: [{ code: 'B', name: '乙' }] }]),
    '/classes/0/children/1/children/0/children/0/children',
    /不允许的字段“children”/,
  ],
  ['heading row with retention', (d) => (d.items[0].retention = 'Y'), '/items/0/retention', /标题行/],
  ['leaf row without retention', (d) => delete d.items[1].retention, '/items/1/retention', /缺少保管期限/],
  ['leaf row without condition', (d) => delete d.items[1].when, '/items/1/when', /缺少条件/],
  [
    'D5 in 文书 (DA/T 22 codes only)',
    (d) => (d.items[1].retention = 'D5'),
    '/items/1/retention',
    /文书档案的保管期限只能是永久、定期30年或定期10年/,
  ],
  ['D5 without event start outside 文书', (d) => (d.items[5].retention = 'D5'), '/items/5/retention', /事件起算/],
  ['undeclared period outside 文书', (d) => (d.items[5].retention = 'D2'), '/items/5/retention', /未在方案的 periods 中声明/],
  [
    'declared period inside 文书',
    (d) => ((d.periods = ['D2']), (d.items[1].retention = 'D2')),
    '/items/1/retention',
    /文书档案的保管期限只能是/,
  ],
  ['declaring a 文书 code as a period', (d) => (d.periods = ['D30']), '/periods/0', /无需声明/],
  [
    'unknown parameter',
    (d) => (branches(d.items[3])[0].when = { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] }),
    '/items/3/retention/0/when/>=/1/param',
    /未声明的参数“largeAmount”/,
  ],
  [
    'parameter value of the wrong type',
    (d) => (d.parameters = [{ name: 'largeAmount', label: '大额资金标准', type: 'number', value: '五百万' }]),
    '/parameters/0/value',
    /与类型不符/,
  ],
  ['default naming no branch', (d) => (d.items[3].default = '重大的'), '/items/3/default', /默认分支“重大的”不存在/],
  ['default on a row without branches', (d) => (d.items[1].default = '从长'), '/items/1/default', /只有分/],
  ['exclusion needs an unknown field', (d) => (d.exclusions[0].needs = ['receiver']), '/exclusions/0/needs/0', /未声明的字段“receiver”/],
  [
    'exclusion qualifier with an unknown field',
    (d) => (d.exclusions[0].established = { '==': [{ var: 'receiver' }, '抄送'] }),
    '/exclusions/0/established/==/0/var',
    /未声明的字段“receiver”/,
  ],
  [
    'event start on a non-date standard field',
    (d) => (eventStart(d.items[4]).dateField = 'title'),
    '/items/4/retentionStart/dateField',
    /日期字段/,
  ],
  [
    'related-document condition reading a record field',
    (d) => (d.items[1].when = { some: [{ var: 'relatedTo' }, { '==': [{ var: 'docType' }, '批复'] }] }),
    '/items/1/when/some/1/==/0/var',
    /相关文件条件中只能用/,
  ],
  ['branches without a default need a review reason', (d) => delete d.items[3].review, '/items/3/review', /review/],
  ['default branch not last', (d) => branches(d.items[2]).reverse(), '/items/2/retention/0/when', /最后一个分支/],
  [
    'event start on an undeclared field',
    (d) => (eventStart(d.items[4]).dateField = 'extra.scrapped'),
    '/items/4/retentionStart/dateField',
    /未声明的字段/,
  ],
  ['unknown top-level property', (d) => (loose(d).owner = 'x'), '/owner', /不允许的字段“owner”/],
  ['wrong format', (d) => (loose(d).format = 'other/1'), '/format', /.+/],
  ['scope too long', (d) => (d.items[1].scope = '长'.repeat(2001)), '/items/1/scope', /.+/],
  ['test expects a missing row', (d) => (d.tests[0].expect.item = '9.9'), '/tests/0/expect/item', /不存在/],
  [
    'test record with undeclared extra field',
    (d) => (d.tests[0].record.extra = { foo: 1 }),
    '/tests/0/record/extra/foo',
    /未声明的自定义字段/,
  ],
  ['test record with an impossible date', (d) => (d.tests[0].record.date = '2023-02-30'), '/tests/0/record/date', /不存在的日期/],
  ['test record with an unknown standard field', (d) => (loose(d.tests[0].record).titel = 'x'), '/tests/0/record/titel', /不允许的字段/],
  ['duplicate exclusion id', (d) => d.exclusions.push({ ...d.exclusions[0] }), '/exclusions/1/id', /重复/],
  ['enum field without values', (d) => delete d.fields[1].values, '/fields/1/values', /可选值/],
];

describe('validateScheme', () => {
  it('accepts the fixture scheme', () => {
    const v = validateScheme(miniScheme());
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it.each(NEGATIVE)('rejects: %s', (_name, change, path, message) => {
    const doc = miniScheme();
    change(doc);
    const v = validateScheme(doc);
    expect(v.ok).toBe(false);
    const hit = v.errors.find((e) => e.path === path || (path.endsWith('*') && e.path.startsWith(path.slice(0, -1))));
    expect(hit, `errors: ${JSON.stringify(v.errors)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('reports every problem at once, not only the first', () => {
    const doc = miniScheme();
    doc.items[1].class = 'NO/NO';
    doc.items[2].when = { log: 1 };
    const v = validateScheme(doc);
    expect(v.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/items/1/class', '/items/2/when/log']));
  });

  it('compile throws SchemeInvalidError carrying the errors', () => {
    const doc = miniScheme();
    doc.items[1].class = 'NO';
    expect(() => compile(doc)).toThrow(SchemeInvalidError);
    try {
      compile(doc);
    } catch (e) {
      expect((e as SchemeInvalidError).errors[0].path).toBe('/items/1/class');
    }
  });

  it('rejects non-objects and empty documents with a path', () => {
    expect(validateScheme(null).ok).toBe(false);
    const v = validateScheme({});
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/format', '/items', '/classes']));
  });
});

// Seeded generator of a realistic 300-row 三合一 scheme and of records for it (benchmark and load tests).
//
// Run directly to write files: node dist/bench/generate.js [--rows 300] [--records 1000000] [--seed 1]
//   [--scheme scheme.json] [--out records.jsonl|records.csv]
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { ClassifiableRecord } from '../server/schemas/record.js';
import type { RetentionCode } from '../server/schemas/retention-codes.js';
import type { Scheme, SchemeClass } from '../server/schemas/scheme.js';
import { int, pick, prng, sample } from './random.js';
import { ASPECTS, DEPARTMENTS, DEPT_NAMES, DOC_TYPES, type Department, IMPORTANT_TYPES, MISC_TITLES, ROUTINE_TYPES } from './vocabulary.js';

export interface RowVocab {
  id: string;
  kind: 'own' | 'superior' | 'business' | 'broad' | 'threshold';
  dept: Department;
  subject: string;
  phrases: string[];
  docTypes?: string[];
  keywords?: string[];
}

export interface Generated {
  scheme: Scheme;
  vocab: RowVocab[];
}

const v = (name: string) => ({ var: name });
const titleHasAny = (phrases: string[]) =>
  phrases.length === 1 ? { in: [phrases[0], v('title')] } : { or: phrases.map((p) => ({ in: [p, v('title')] })) };

/** A scheme with `rows` leaf rows (层垒制 ids 部门.主题.条目), exclusions, and a handful of tests. */
export function generateScheme(seed = 1, rows = 300): Generated {
  const rand = prng(seed);
  const subjects = DEPARTMENTS.flatMap((dept) => dept.subjects.map((subject) => ({ dept, subject })));
  const thresholdRows = 6;
  const guarded = rows - thresholdRows;

  const classes: SchemeClass[] = [{ code: 'WS', name: '文书', children: DEPARTMENTS.map((d) => ({ code: d.code, name: d.name })) }];
  const items: Scheme['items'] = [];
  const vocab: RowVocab[] = [];
  const kinds: RowVocab['kind'][] = ['own', 'superior', 'business', 'broad'];

  DEPARTMENTS.forEach((dept, di) => {
    items.push({ id: `${di + 1}`, scope: `${dept.name}类` });
    dept.subjects.forEach((subject, si) => {
      const s = subjects.findIndex((x) => x.subject === subject);
      const count = Math.floor(((s + 1) * guarded) / subjects.length) - Math.floor((s * guarded) / subjects.length);
      const head = `${di + 1}.${si + 1}`;
      items.push({ id: head, scope: `${subject}` });
      const aspects = sample(rand, ASPECTS, 8);
      for (let k = 0; k < count; k++) {
        const id = `${head}.${k + 1}`;
        const kind = kinds[k % kinds.length];
        const klass = `WS/${dept.code}`;
        let row: Scheme['items'][number];
        let voc: RowVocab;
        if (kind === 'own') {
          const phrases = aspects.slice(0, 3).map((a) => subject + a);
          const docTypes = sample(rand, IMPORTANT_TYPES, int(rand, 2, 4));
          row = {
            id,
            class: klass,
            scope: `本单位${subject}的${docTypes.join('、')}（${phrases.join('、')}）`,
            when: { and: [{ in: [v('docType'), docTypes] }, titleHasAny(phrases), { '==': [v('origin'), 'own'] }] },
            retention: 'Y',
          };
          voc = { id, kind, dept, subject, phrases, docTypes };
        } else if (kind === 'superior') {
          const phrases = aspects.slice(3, 5).map((a) => subject + a);
          row = {
            id,
            class: klass,
            scope: `上级机关关于${subject}的文件（${phrases.join('、')}）`,
            when: { and: [{ '==': [v('origin'), 'superior'] }, titleHasAny(phrases)] },
            retention: [
              { label: '重要', when: { '==': [v('actionRequired'), true] }, code: 'D30' },
              { label: '一般', code: 'D10' },
            ],
          };
          voc = { id, kind, dept, subject, phrases };
        } else if (kind === 'business') {
          const keywords = aspects.slice(5, 7).map((a) => subject + a);
          row = {
            id,
            class: klass,
            scope: `${dept.business}中形成的${subject}材料`,
            when: {
              and: [{ '===': [v('businessType'), dept.business] }, { some: [v('keywords'), { in: [{ var: '' }, keywords] }] }],
            },
            retention:
              rand() < 0.5
                ? 'D30'
                : [
                    { label: '重要', when: { '>=': [v('amount'), 1_000_000] }, code: 'Y' },
                    { label: '一般', code: 'D30' },
                  ],
          };
          voc = { id, kind, dept, subject, phrases: [], keywords };
        } else {
          row = {
            id,
            class: klass,
            scope: `本单位主办的其他${subject}文件`,
            when: { and: [titleHasAny([subject]), { '==': [v('role'), 'host'] }, { in: [v('docType'), ROUTINE_TYPES] }] },
            retention:
              rand() < 0.3
                ? [
                    { label: '重要', when: { '==': [v('origin'), 'own'] }, code: 'D30' },
                    { label: '一般', code: 'D10' },
                  ]
                : 'D10',
          };
          voc = { id, kind, dept, subject, phrases: [subject], docTypes: ROUTINE_TYPES };
        }
        items.push(row);
        vocab.push(voc);
      }
    });
  });

  // Rows whose conditions are comparisons only: no guard, evaluated for every record.
  const cw = DEPARTMENTS.findIndex((d) => d.code === 'CW');
  const cwDept = DEPARTMENTS[cw];
  items.push({ id: `${DEPARTMENTS.length + 1}`, scope: '大额资金与早期资产材料' });
  const thresholds: { scope: string; when: unknown; retention: RetentionCode }[] = [
    { scope: '单笔5000万元以上的资金往来材料', when: { '>=': [v('amount'), 50_000_000] }, retention: 'Y' },
    {
      scope: '2000年以前形成的1000万元以上的资产材料',
      when: { and: [{ '>=': [v('amount'), 10_000_000] }, { '<': [v('date'), '2000-01-01'] }] },
      retention: 'Y',
    },
    { scope: '单笔2000万至5000万元的资金往来材料', when: { '<=': [20_000_000, v('amount'), 49_999_999] }, retention: 'D30' },
    { scope: '1995年以前形成的文件', when: { '<': [v('date'), '1995-01-01'] }, retention: 'Y' },
    { scope: '金额为负的冲销凭证', when: { '<': [v('amount'), 0] }, retention: 'D30' },
    {
      scope: '金额在3000万元以上且有办理要求的材料',
      when: { and: [{ '>': [v('amount'), 30_000_000] }, { '!!': [v('actionRequired')] }] },
      retention: 'Y',
    },
  ];
  thresholds.slice(0, thresholdRows).forEach((t, k) => {
    const id = `${DEPARTMENTS.length + 1}.${k + 1}`;
    items.push({ id, class: `WS/${cwDept.code}`, scope: t.scope, when: t.when as never, retention: t.retention });
    vocab.push({ id, kind: 'threshold', dept: cwDept, subject: '', phrases: [] });
  });

  const exclusions: NonNullable<Scheme['exclusions']> = [
    { id: 'X1', scope: '重份文件', when: { '==': [v('manuscript'), '复制件'] }, reason: '重份文件不归档' },
    { id: 'X2', scope: '未经签发的草稿', when: { and: [{ '==': [v('manuscript'), '草稿'] }, { '!': [v('docNumber')] }] } },
    {
      id: 'X3',
      scope: '外单位抄送、无需办理的简报',
      when: { and: [{ '==': [v('origin'), 'external'] }, { '==': [v('docType'), '简报'] }, { '==': [v('actionRequired'), false] }] },
    },
    { id: 'X4', scope: '报刊征订单', when: { in: ['征订', v('title')] } },
    { id: 'X5', scope: '一般性事务通知', when: { or: [{ in: ['值班', v('title')] }, { in: ['班车', v('title')] }] } },
  ];

  const scheme: Scheme = {
    format: 'sanheyi.scheme/1',
    title: '某集团有限公司文书档案分类方案、归档范围和保管期限表（基准测试）',
    unit: '某集团有限公司',
    kind: 'enterprise',
    fonds: 'J001',
    version: 1,
    classes: classes as Scheme['classes'],
    items,
    exclusions,
  };
  return { scheme, vocab };
}

/** Records for a generated scheme: most match 1–3 rows, about one in seven matches none. */
export function* generateRecords(gen: Generated, count: number, seed = 2): Generator<ClassifiableRecord> {
  const rand = prng(seed);
  const rows = gen.vocab.filter((r) => r.kind !== 'threshold');
  for (let i = 0; i < count; i++) {
    const year = int(rand, 1998, 2024);
    const date = `${year}-${String(int(rand, 1, 12)).padStart(2, '0')}-${String(int(rand, 1, 28)).padStart(2, '0')}`;
    const roll = rand();
    const rec: Record<string, unknown> = { date };
    if (roll < 0.12) {
      rec.title = pick(rand, MISC_TITLES);
      rec.docType = pick(rand, DOC_TYPES);
      rec.origin = pick(rand, ['own', 'external', 'peer'] as const);
      rec.department = '办公室';
    } else {
      const row = pick(rand, rows);
      const dt = row.docTypes ? pick(rand, row.docTypes) : pick(rand, DOC_TYPES);
      const phrase = row.phrases.length ? pick(rand, row.phrases) : row.subject + pick(rand, ASPECTS);
      rec.title = pick(rand, [
        () => `关于${year}年度${phrase}工作的${dt}`,
        () => `关于${phrase}有关事项的${dt}`,
        () => `${year}年第${int(rand, 1, 12)}次${phrase}情况${dt}`,
        () => `关于印发《${row.subject}管理办法》及${phrase}实施细则的${dt}`,
      ])();
      rec.docType = dt;
      rec.department = pick(rand, DEPT_NAMES[row.dept.code]);
      rec.origin =
        row.kind === 'superior'
          ? 'superior'
          : row.kind === 'own'
            ? 'own'
            : pick(rand, ['own', 'own', 'superior', 'subordinate', 'peer'] as const);
      rec.role = row.kind === 'broad' || rand() < 0.6 ? 'host' : 'co';
      if (row.kind === 'business' || rand() < 0.2) {
        rec.businessType = row.dept.business;
        rec.keywords = row.keywords ? [pick(rand, row.keywords), row.subject] : [row.subject];
      }
      if (row.dept.code === 'CW' || row.dept.code === 'JJ' || rand() < 0.05) rec.amount = Math.round(10 ** (3 + rand() * 5));
      rec.docNumber = `${row.dept.code}〔${year}〕${int(rand, 1, 300)}号`;
      if (rand() < 0.5) rec.actionRequired = rand() < 0.5;
    }
    const m = rand();
    rec.manuscript = m < 0.02 ? '复制件' : m < 0.03 ? '草稿' : '正本';
    yield rec as ClassifiableRecord;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Command line: write a scheme and records to files (load tests of `sanheyi classify`).

async function main(argv: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const seed = Number(opt('--seed', '1'));
  const gen = generateScheme(seed, Number(opt('--rows', '300')));
  const schemePath = opt('--scheme', 'bench-scheme.json');
  await writeFile(schemePath, JSON.stringify(gen.scheme, null, 2) + '\n');
  const outPath = opt('--out', 'bench-records.jsonl');
  const count = Number(opt('--records', '100000'));
  const out = createWriteStream(outPath);
  const csv = outPath.toLowerCase().endsWith('.csv');
  const cell = (x: unknown) => {
    const s = x === undefined ? '' : Array.isArray(x) ? x.join(';') : String(x);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const columns = [
    'title',
    'docNumber',
    'origin',
    'role',
    'date',
    'docType',
    'department',
    'manuscript',
    'actionRequired',
    'businessType',
    'amount',
    'keywords',
  ];
  if (csv) out.write(columns.join(',') + '\n');
  for (const rec of generateRecords(gen, count, seed + 1)) {
    const line = csv ? columns.map((c) => cell((rec as Record<string, unknown>)[c])).join(',') + '\n' : JSON.stringify(rec) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  process.stderr.write(`已生成方案 ${schemePath}（${gen.vocab.length} 条条款）和 ${count} 条记录 ${outPath}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
